// rawecho measures the raw ceiling for the end-to-end benchmark: a plain TCP
// echo of a fixed number of bytes per round trip, with no RPC framing.
//
//	rawecho -serve -addr 127.0.0.1:0          # prints LISTENING host:port
//	rawecho -addr host:port -connections 16 -concurrency 16 -payload 64 -duration 5s
//
// As a client, each of -concurrency goroutines owns one of -connections
// connections (round robin, exclusive use), writes -payload bytes and reads
// them back, in a closed loop; it prints JSON with the keys of rpcpool bench.
// Echoes that differ from what was sent count as errors (checked during the
// warm-up, so the measured loop only writes and reads).
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"rpcpool.dev/interop/cost"
	"rpcpool.dev/interop/latency"
)

func serve(addr string) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("LISTENING %s\n", ln.Addr())
	go func() {
		io.Copy(io.Discard, os.Stdin)
		os.Exit(0)
	}()
	for {
		c, err := ln.Accept()
		if err != nil {
			log.Fatal(err)
		}
		go func() {
			defer c.Close()
			io.Copy(c, c)
		}()
	}
}

func main() {
	isServer := flag.Bool("serve", false, "run the echo server")
	addr := flag.String("addr", "127.0.0.1:0", "address")
	conns := flag.Int("connections", 16, "connections")
	concurrency := flag.Int("concurrency", 16, "callers (one connection each, so at most -connections)")
	payload := flag.Int("payload", 64, "bytes per round trip")
	duration := flag.Duration("duration", 5*time.Second, "measured duration")
	warmup := flag.Duration("warmup", time.Second, "warm-up")
	flag.Parse()
	if *isServer {
		serve(*addr)
		return
	}
	if *concurrency > *conns {
		*concurrency = *conns
	}
	start := time.Now()
	measureFrom := start.Add(*warmup)
	stopAt := measureFrom.Add(*duration)
	window := cost.Measure(measureFrom, stopAt)
	var errs int64
	lat := make([][]time.Duration, *concurrency)
	var wg sync.WaitGroup
	for i := 0; i < *concurrency; i++ {
		c, err := net.Dial("tcp", *addr)
		if err != nil {
			log.Fatalf("dial %s: %v", *addr, err)
		}
		wg.Add(1)
		go func(i int, c net.Conn) {
			defer wg.Done()
			defer c.Close()
			out := make([]byte, *payload)
			for j := range out {
				out[j] = byte(i + j)
			}
			in := make([]byte, *payload)
			for {
				t0 := time.Now()
				if !t0.Before(stopAt) {
					return
				}
				if _, err := c.Write(out); err != nil {
					atomic.AddInt64(&errs, 1)
					return
				}
				if _, err := io.ReadFull(c, in); err != nil {
					atomic.AddInt64(&errs, 1)
					return
				}
				if !t0.Before(measureFrom) {
					lat[i] = append(lat[i], time.Since(t0))
				} else if !bytes.Equal(in, out) {
					// checked during the warm-up only, so the measured loop does no more than echo
					atomic.AddInt64(&errs, 1)
					return
				}
			}
		}(i, c)
	}
	wg.Wait()
	out := latency.Merge(lat).Report(*duration)
	out["errors"] = errs
	window.Add(out, out["calls"].(int))
	out["connections_opened"] = *concurrency
	json.NewEncoder(os.Stdout).Encode(out)
}
