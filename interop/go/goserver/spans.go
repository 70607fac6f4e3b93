package main

import (
	"bufio"
	"encoding/gob"
	"fmt"
	"io"
	"net/rpc"
	"os"
	"sort"
	"sync"
	"time"
)

// spanCodec is net/rpc's gob server codec (the standard library's is
// unexported; this one frames the stream the same way) that also times each
// call inside the server: from its request header decoded to its response
// flushed. That span covers waiting for a goroutine to run the method, the
// method, waiting for the connection's sending mutex, and the write; it leaves
// out the time a request waits in the socket before the server reads it.
type spanCodec struct {
	rwc     io.ReadWriteCloser
	dec     *gob.Decoder
	enc     *gob.Encoder
	encBuf  *bufio.Writer
	spans   *spanLog
	mu      sync.Mutex
	started map[uint64]time.Time
}

func newSpanCodec(conn io.ReadWriteCloser, spans *spanLog) *spanCodec {
	buf := bufio.NewWriter(conn)
	return &spanCodec{rwc: conn, dec: gob.NewDecoder(conn), enc: gob.NewEncoder(buf), encBuf: buf,
		spans: spans, started: map[uint64]time.Time{}}
}

func (c *spanCodec) ReadRequestHeader(r *rpc.Request) error {
	if err := c.dec.Decode(r); err != nil {
		return err
	}
	c.mu.Lock()
	c.started[r.Seq] = time.Now()
	c.mu.Unlock()
	return nil
}

func (c *spanCodec) ReadRequestBody(body any) error { return c.dec.Decode(body) }

func (c *spanCodec) WriteResponse(r *rpc.Response, body any) error {
	err := c.enc.Encode(r)
	if err == nil {
		err = c.enc.Encode(body)
	}
	if flushErr := c.encBuf.Flush(); err == nil {
		err = flushErr
	}
	c.mu.Lock()
	t0, ok := c.started[r.Seq]
	delete(c.started, r.Seq)
	c.mu.Unlock()
	if ok && err == nil {
		c.spans.add(time.Since(t0))
	}
	if err != nil {
		c.rwc.Close()
	}
	return err
}

func (c *spanCodec) Close() error { return c.rwc.Close() }

// spanLog collects the spans of all connections and prints their percentiles
// on stderr every interval, then starts afresh.
type spanLog struct {
	mu    sync.Mutex
	spans []time.Duration
}

func (l *spanLog) add(d time.Duration) {
	l.mu.Lock()
	l.spans = append(l.spans, d)
	l.mu.Unlock()
}

func (l *spanLog) reportEvery(interval time.Duration) {
	for range time.Tick(interval) {
		l.mu.Lock()
		s := l.spans
		l.spans = nil
		l.mu.Unlock()
		if len(s) == 0 {
			continue
		}
		sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
		at := func(p float64) int64 { return s[int(p*float64(len(s)-1))].Microseconds() }
		fmt.Fprintf(os.Stderr, "SPANS %s calls=%d p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d\n",
			time.Now().UTC().Format("15:04:05"), len(s), at(.5), at(.9), at(.99), at(.999), s[len(s)-1].Microseconds())
	}
}
