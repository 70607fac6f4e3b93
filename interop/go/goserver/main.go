// goserver is a stock Go net/rpc server (standard library only) that rpcpool's
// tests and benchmarks use as a real peer.
//
//	goserver -addr 127.0.0.1:0 -codec gob|json [-http]
//	         [-tls-cert server.pem -tls-key server.key [-tls-client-ca ca.pem]]
//	         [-span-report 5s]
//
// With -span-report (gob, not with -http) it also times every call inside the
// server, from its request header decoded to its response flushed, and prints
// the percentiles of those spans on stderr at that interval (spans.go): where
// a client's tail comes from the server's own queueing. The timing costs the
// server some throughput (a map and a mutex per call).
//
// It prints "LISTENING host:port" on stdout once it accepts connections, and
// exits when its stdin reaches EOF, so a test that dies never leaves it behind.
package main

import (
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/rpc"
	"net/rpc/jsonrpc"
	"os"
	"time"

	"rpcpool.dev/interop/tlsconf"
)

// Args and Quotient are the classic net/rpc example types.
type Args struct{ A, B int }

type Quotient struct{ Quo, Rem int }

type Arith int

func (t *Arith) Multiply(args *Args, reply *int) error {
	*reply = args.A * args.B
	return nil
}

func (t *Arith) Divide(args *Args, quo *Quotient) error {
	if args.B == 0 {
		return errors.New("divide by zero")
	}
	quo.Quo = args.A / args.B
	quo.Rem = args.A % args.B
	return nil
}

type Echo int

func (t *Echo) Echo(s string, reply *string) error {
	*reply = s
	return nil
}

func (t *Echo) Bytes(b []byte, reply *[]byte) error {
	*reply = b
	return nil
}

// Nil replies with a nil slice: jsonrpc encodes it as "result":null, "error":null.
func (t *Echo) Nil(n int, reply *[]int) error {
	*reply = nil
	return nil
}

type Sleep int

// Millis sleeps for the given number of milliseconds, then returns it.
func (t *Sleep) Millis(ms int, reply *int) error {
	time.Sleep(time.Duration(ms) * time.Millisecond)
	*reply = ms
	return nil
}

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "address to listen on")
	codec := flag.String("codec", "gob", "gob or json")
	useHTTP := flag.Bool("http", false, "serve gob over HTTP CONNECT (rpc.HandleHTTP)")
	tlsCert := flag.String("tls-cert", "", "serve over TLS with this PEM certificate (needs -tls-key)")
	tlsKey := flag.String("tls-key", "", "PEM private key of -tls-cert")
	tlsClientCA := flag.String("tls-client-ca", "", "require client certificates issued by the CAs in this PEM file")
	spanReport := flag.Duration("span-report", 0, "time each call inside the server and print percentiles on stderr at this interval (gob, not with -http)")
	flag.Parse()
	var spans *spanLog
	if *spanReport > 0 {
		if *codec != "gob" || *useHTTP {
			log.Fatal("-span-report works with -codec gob and without -http only (the HTTP CONNECT path uses net/rpc's own codec, which cannot be timed); drop one of the flags")
		}
		spans = &spanLog{}
		go spans.reportEvery(*spanReport)
	}

	srv := rpc.NewServer()
	for name, rcvr := range map[string]any{"Arith": new(Arith), "Echo": new(Echo), "Sleep": new(Sleep)} {
		if err := srv.RegisterName(name, rcvr); err != nil {
			log.Fatal(err)
		}
	}
	registerTypes(srv)

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	if *tlsCert != "" {
		cfg, err := tlsconf.Server(*tlsCert, *tlsKey, *tlsClientCA)
		if err != nil {
			log.Fatal(err)
		}
		ln = tls.NewListener(ln, cfg)
	}
	fmt.Printf("LISTENING %s\n", ln.Addr())
	go func() {
		io.Copy(io.Discard, os.Stdin)
		os.Exit(0)
	}()

	if *useHTTP {
		if *codec != "gob" {
			log.Fatal("-http works with -codec gob only, as in net/rpc")
		}
		mux := http.NewServeMux()
		mux.Handle(rpc.DefaultRPCPath, srv)
		log.Fatal(http.Serve(ln, mux))
	}
	for {
		conn, err := ln.Accept()
		if err != nil {
			log.Fatal(err)
		}
		switch *codec {
		case "json":
			go srv.ServeCodec(jsonrpc.NewServerCodec(conn))
		case "gob":
			if spans != nil {
				go srv.ServeCodec(newSpanCodec(conn, spans))
			} else {
				go srv.ServeConn(conn)
			}
		default:
			log.Fatalf("unknown codec %q (want gob or json)", *codec)
		}
	}
}
