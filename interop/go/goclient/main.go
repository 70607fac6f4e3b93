// goclient is a stock Go net/rpc client (standard library only) that calls a
// server offering the demo services (Arith, Echo, Sleep) and checks every reply.
//
//	goclient -addr 127.0.0.1:1234 -codec gob|json [-http] [-bench 5s]
//	         [-tls-ca ca.pem [-tls-cert client.pem -tls-key client.key]]
//
// It prints one line per check and "OK <n> checks" at the end; it exits 1 on the
// first mismatch, naming what it expected and what it got. With -bench it instead
// measures Arith.Multiply calls/s on one connection with 1 and 16 calls in flight
// (the reference for rpcpool's own throughput numbers).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"net/rpc"
	"net/rpc/jsonrpc"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

type Args struct{ A, B int }

type Quotient struct{ Quo, Rem int }

var checks int

func fail(format string, a ...any) {
	fmt.Printf("FAIL "+format+"\n", a...)
	os.Exit(1)
}

func pass(format string, a ...any) {
	checks++
	fmt.Printf("ok   "+format+"\n", a...)
}

func main() {
	addr := flag.String("addr", "", "server address host:port")
	codec := flag.String("codec", "gob", "gob or json")
	useHTTP := flag.Bool("http", false, "connect with HTTP CONNECT (gob only)")
	bench := flag.Duration("bench", 0, "measure calls/s for this long per setting instead of checking")
	tlsCA := flag.String("tls-ca", "", "connect over TLS, trusting the CAs in this PEM file")
	tlsCert := flag.String("tls-cert", "", "PEM client certificate to present (mutual TLS; needs -tls-key)")
	tlsKey := flag.String("tls-key", "", "PEM private key of -tls-cert")
	flag.Parse()

	var client *rpc.Client
	var err error
	if *tlsCA != "" {
		client, err = dialTLS(*addr, *codec, *useHTTP, *tlsCA, *tlsCert, *tlsKey)
	} else {
		switch {
		case *useHTTP:
			client, err = rpc.DialHTTP("tcp", *addr)
		case *codec == "json":
			client, err = jsonrpc.Dial("tcp", *addr)
		default:
			client, err = rpc.Dial("tcp", *addr)
		}
	}
	if err != nil {
		fail("dial %s: %v", *addr, err)
	}
	defer client.Close()

	if *bench > 0 {
		for _, inFlight := range []int{1, 16} {
			fmt.Printf("%d in flight: %.0f calls/s\n", inFlight, measure(client, inFlight, *bench))
		}
		return
	}

	var product int
	if err := client.Call("Arith.Multiply", &Args{7, 8}, &product); err != nil || product != 56 {
		fail("Arith.Multiply(7,8) = %d, %v; want 56", product, err)
	}
	pass("Arith.Multiply(7,8) = 56")

	var quo Quotient
	if err := client.Call("Arith.Divide", &Args{17, 5}, &quo); err != nil || quo != (Quotient{3, 2}) {
		fail("Arith.Divide(17,5) = %+v, %v; want {Quo:3 Rem:2}", quo, err)
	}
	pass("Arith.Divide(17,5) = {3 2}")

	err = client.Call("Arith.Divide", &Args{1, 0}, &quo)
	if err == nil || err.Error() != "divide by zero" {
		fail("Arith.Divide(1,0) error = %v; want \"divide by zero\"", err)
	}
	if _, ok := err.(rpc.ServerError); !ok {
		fail("Arith.Divide(1,0) error type = %T; want rpc.ServerError", err)
	}
	pass("Arith.Divide(1,0) -> server error \"divide by zero\"")

	for _, tc := range []struct{ method, want string }{
		{"Nope.Multiply", "rpc: can't find service Nope.Multiply"},
		{"Arith.Nope", "rpc: can't find method Arith.Nope"},
		{"NoDot", "rpc: service/method request ill-formed: NoDot"},
	} {
		err = client.Call(tc.method, &Args{1, 2}, &product)
		if err == nil || err.Error() != tc.want {
			fail("%s error = %v; want %q", tc.method, err, tc.want)
		}
		pass("%s -> %q", tc.method, tc.want)
	}

	var s string
	in := "héllo, 世界"
	if err := client.Call("Echo.Echo", in, &s); err != nil || s != in {
		fail("Echo.Echo(%q) = %q, %v", in, s, err)
	}
	pass("Echo.Echo(%q)", in)

	blob := make([]byte, 1024)
	for i := range blob {
		blob[i] = byte(i * 7)
	}
	var got []byte
	if err := client.Call("Echo.Bytes", blob, &got); err != nil || !bytes.Equal(got, blob) {
		fail("Echo.Bytes(1 KiB) = %d bytes, %v", len(got), err)
	}
	pass("Echo.Bytes(1 KiB)")

	// Concurrent calls on one connection complete out of order; each must get its own reply.
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := 0; i < 64; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			ms := (64 - i) % 16
			var r int
			if err := client.Call("Sleep.Millis", ms, &r); err != nil {
				errs <- err
			} else if r != ms {
				errs <- fmt.Errorf("Sleep.Millis(%d) = %d", ms, r)
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		fail("concurrent Sleep.Millis: %v", err)
	}
	pass("64 concurrent Sleep.Millis calls on one connection")

	fmt.Printf("OK %d checks\n", checks)
}

// measure runs Arith.Multiply from inFlight goroutines on one client for d and returns calls/s.
func measure(client *rpc.Client, inFlight int, d time.Duration) float64 {
	var calls int64
	var wg sync.WaitGroup
	start := time.Now()
	end := start.Add(d)
	for g := 0; g < inFlight; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var r int
			for time.Now().Before(end) {
				if err := client.Call("Arith.Multiply", &Args{7, 8}, &r); err != nil {
					fail("bench: %v", err)
				}
				atomic.AddInt64(&calls, 1)
			}
		}()
	}
	wg.Wait()
	return float64(calls) / time.Since(start).Seconds()
}
