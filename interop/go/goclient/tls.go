package main

import (
	"bufio"
	"crypto/tls"
	"fmt"
	"net/http"
	"net/rpc"
	"net/rpc/jsonrpc"

	"rpcpool.dev/interop/tlsconf"
)

// dialTLS connects over crypto/tls and speaks net/rpc inside it: gob, jsonrpc,
// or gob after net/rpc's HTTP CONNECT handshake (rpc.DialHTTP has no TLS
// variant, so the handshake is done here as rpc.DialHTTPPath does it).
func dialTLS(addr, codec string, useHTTP bool, caFile, certFile, keyFile string) (*rpc.Client, error) {
	cfg, err := tlsconf.Client(caFile, certFile, keyFile)
	if err != nil {
		return nil, err
	}
	conn, err := tls.Dial("tcp", addr, cfg)
	if err != nil {
		return nil, err
	}
	switch {
	case useHTTP:
		fmt.Fprintf(conn, "CONNECT %s HTTP/1.0\n\n", rpc.DefaultRPCPath)
		resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: "CONNECT"})
		if err == nil && resp.Status != "200 Connected to Go RPC" {
			err = fmt.Errorf("unexpected HTTP response: %s", resp.Status)
		}
		if err != nil {
			conn.Close()
			return nil, err
		}
		return rpc.NewClient(conn), nil
	case codec == "json":
		return jsonrpc.NewClient(conn), nil
	default:
		return rpc.NewClient(conn), nil
	}
}
