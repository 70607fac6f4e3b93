// rawecho measures the raw ceiling for the end-to-end benchmark: a plain TCP
// echo of a fixed number of bytes per round trip, with no RPC framing.
//
//	rawecho -serve -addr 127.0.0.1:0          # prints LISTENING host:port
//	rawecho -addr host:port -connections 16 -concurrency 16 -payload 64 -duration 5s
//
// As a client, each of -concurrency goroutines owns one of -connections
// connections (round robin, exclusive use), writes -payload bytes and reads
// them back, in a closed loop; it prints JSON with the keys of rpcpool bench.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"sort"
	"sync"
	"sync/atomic"
	"time"
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
				}
			}
		}(i, c)
	}
	wg.Wait()
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	pct := func(p float64) int64 {
		if len(all) == 0 {
			return 0
		}
		i := int(p/100*float64(len(all))+0.5) - 1
		if i < 0 {
			i = 0
		}
		if i >= len(all) {
			i = len(all) - 1
		}
		return all[i].Microseconds()
	}
	json.NewEncoder(os.Stdout).Encode(map[string]any{
		"calls": len(all), "qps": float64(len(all)) / duration.Seconds(),
		"p50_us": pct(50), "p90_us": pct(90), "p99_us": pct(99), "max_us": pct(100),
		"errors": errs, "connections_opened": *concurrency,
	})
}
