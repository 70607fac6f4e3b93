package main

import (
	"bufio"
	"encoding/gob"
	"errors"
	"fmt"
	"net"
	"net/rpc"
	"net/rpc/jsonrpc"
	"sync/atomic"
)

// lockstepClient is the least a net/rpc client can do per call: one call at a
// time on its own connection, written and read by the calling goroutine itself,
// with no reader goroutine and so no hand-off between goroutines (rpc.Client has
// both). Its calls per second against a server are what that server allows a
// client that does not pipeline, at that many connections: with one caller, what
// it allows any client.
type lockstepClient struct {
	codec rpc.ClientCodec
	seq   uint64
}

func dialLockstep() (*lockstepClient, error) {
	if *useHTTP {
		return nil, errors.New("-mode lockstep speaks plain TCP only (no -http)")
	}
	atomic.AddInt64(&opened, 1)
	conn, err := net.Dial("tcp", *addr)
	if err != nil {
		return nil, err
	}
	if *codec == "json" {
		return &lockstepClient{codec: jsonrpc.NewClientCodec(conn)}, nil
	}
	w := bufio.NewWriter(conn)
	return &lockstepClient{codec: &gobClientCodec{conn, gob.NewDecoder(conn), gob.NewEncoder(w), w}}, nil
}

// Call makes one call and reads its reply; an error leaves the connection unusable.
func (l *lockstepClient) Call(method string, args any, reply any) error {
	l.seq++
	if err := l.codec.WriteRequest(&rpc.Request{ServiceMethod: method, Seq: l.seq}, args); err != nil {
		return err
	}
	var resp rpc.Response
	if err := l.codec.ReadResponseHeader(&resp); err != nil {
		return err
	}
	if resp.Seq != l.seq {
		return fmt.Errorf("reply for call %d, expected %d", resp.Seq, l.seq)
	}
	if resp.Error != "" {
		if err := l.codec.ReadResponseBody(nil); err != nil {
			return err
		}
		return rpc.ServerError(resp.Error)
	}
	return l.codec.ReadResponseBody(reply)
}

// gobClientCodec frames calls as net/rpc's own (unexported) gob client codec does:
// header then body, one flush per call.
type gobClientCodec struct {
	conn net.Conn
	dec  *gob.Decoder
	enc  *gob.Encoder
	buf  *bufio.Writer
}

func (c *gobClientCodec) WriteRequest(r *rpc.Request, body any) error {
	if err := c.enc.Encode(r); err != nil {
		return err
	}
	if err := c.enc.Encode(body); err != nil {
		return err
	}
	return c.buf.Flush()
}

func (c *gobClientCodec) ReadResponseHeader(r *rpc.Response) error { return c.dec.Decode(r) }
func (c *gobClientCodec) ReadResponseBody(body any) error          { return c.dec.Decode(body) }
func (c *gobClientCodec) Close() error                             { return c.conn.Close() }
