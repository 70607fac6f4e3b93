// gobench is a load generator using Go's own net/rpc client, the baseline
// rpcpool is measured against. N goroutines each wait for a reply before the
// next call, for a fixed duration after a warm-up; or, with -rate, calls start
// on a fixed schedule with at most N outstanding, each latency counted from
// when its call was due (as `rpcpool bench --rate` does).
//
//	gobench -addr host:port [-codec gob|json] [-http] -mode dial|tutorial|shared|lockstep
//	        [-concurrency 16] [-duration 5s] [-warmup 1s] [-max-connections 8]
//	        [-method Arith.Multiply|Echo.Bytes] [-payload 1024] [-rate 0]
//
// Modes: dial opens a connection per call (the tutorial's "without a pool");
// tutorial is the tutorial's RPCClientPool exactly as written (with its defects);
// shared is one rpc.Client shared by all goroutines (net/rpc multiplexes);
// lockstep gives each goroutine its own connection that it writes and reads
// itself (lockstep.go): the most a client that does not pipeline can get.
// It prints one JSON object with the same keys as `rpcpool bench --json`.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log"
	"net/rpc"
	"net/rpc/jsonrpc"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"rpcpool.dev/interop/cost"
	"rpcpool.dev/interop/latency"
)

type Args struct{ A, B int }

// caller is what every mode calls through: *rpc.Client and *lockstepClient.
type caller interface {
	Call(serviceMethod string, args any, reply any) error
}

var (
	addr    = flag.String("addr", "", "server address host:port")
	codec   = flag.String("codec", "gob", "gob or json")
	useHTTP = flag.Bool("http", false, "dial with HTTP CONNECT (gob only)")
	opened  int64
)

func dial() (*rpc.Client, error) {
	atomic.AddInt64(&opened, 1)
	switch {
	case *useHTTP:
		return rpc.DialHTTP("tcp", *addr)
	case *codec == "json":
		return jsonrpc.Dial("tcp", *addr)
	default:
		return rpc.Dial("tcp", *addr)
	}
}

// RPCClientPool is the tutorial's pool, kept as the tutorial wrote it.
type RPCClientPool struct {
	pool    chan *rpc.Client
	maxConn int
	mu      sync.Mutex
}

func (p *RPCClientPool) Get() (*rpc.Client, error) {
	select {
	case client := <-p.pool:
		return client, nil
	default:
		p.mu.Lock()
		if len(p.pool) < p.maxConn { // counts idle clients, not open ones (defect 1)
			client, err := dial()
			p.mu.Unlock()
			return client, err
		}
		p.mu.Unlock()
		client, ok := <-p.pool
		if !ok {
			return nil, errors.New("pool closed")
		}
		return client, nil
	}
}

func (p *RPCClientPool) Put(client *rpc.Client) {
	select {
	case p.pool <- client:
	default:
		client.Close()
	}
}

func (p *RPCClientPool) Call(method string, args any, reply any) error {
	client, err := p.Get()
	if err != nil {
		return err
	}
	defer p.Put(client)
	done := make(chan error, 1)
	go func() { done <- client.Call(method, args, reply) }()
	select {
	case err = <-done:
		return err
	case <-time.After(3 * time.Second):
		return errors.New("call timeout")
	}
}

func main() {
	mode := flag.String("mode", "shared", "dial, tutorial, shared or lockstep")
	concurrency := flag.Int("concurrency", 16, "callers")
	duration := flag.Duration("duration", 5*time.Second, "measured duration")
	warmup := flag.Duration("warmup", time.Second, "warm-up before measuring")
	maxConn := flag.Int("max-connections", 8, "tutorial pool maxConn")
	method := flag.String("method", "Arith.Multiply", "Arith.Multiply or Echo.Bytes")
	payload := flag.Int("payload", 1024, "bytes for Echo.Bytes")
	rate := flag.Float64("rate", 0, "calls per second on a fixed schedule instead of a closed loop (0: closed loop)")
	flag.Parse()
	if *rate < 0 || *concurrency < 1 {
		log.Fatalf("-rate must be >= 0 and -concurrency >= 1 (were %v and %d)", *rate, *concurrency)
	}

	blob := make([]byte, *payload)
	for i := range blob {
		blob[i] = byte(i)
	}
	call := func(c caller) error {
		if *method == "Echo.Bytes" {
			var r []byte
			err := c.Call("Echo.Bytes", blob, &r)
			if err == nil && len(r) != len(blob) {
				err = fmt.Errorf("Echo.Bytes returned %d bytes, want %d", len(r), len(blob))
			}
			return err
		}
		var r int
		err := c.Call("Arith.Multiply", &Args{7, 8}, &r)
		if err == nil && r != 56 {
			err = fmt.Errorf("Arith.Multiply returned %d", r)
		}
		return err
	}

	var invoke func() error
	switch *mode {
	case "dial":
		invoke = func() error {
			c, err := dial()
			if err != nil {
				return err
			}
			defer c.Close()
			return call(c)
		}
	case "tutorial":
		p := &RPCClientPool{pool: make(chan *rpc.Client, *maxConn), maxConn: *maxConn}
		invoke = func() error {
			if *method == "Echo.Bytes" {
				var r []byte
				return p.Call("Echo.Bytes", blob, &r)
			}
			var r int
			return p.Call("Arith.Multiply", &Args{7, 8}, &r)
		}
	case "shared":
		c, err := dial()
		if err != nil {
			log.Fatalf("dial %s: %v", *addr, err)
		}
		invoke = func() error { return call(c) }
	case "lockstep":
		// one connection per caller, dialed up front; a caller takes one from the channel and puts it back
		conns := make(chan *lockstepClient, *concurrency)
		for i := 0; i < *concurrency; i++ {
			c, err := dialLockstep()
			if err != nil {
				log.Fatalf("dial %s: %v", *addr, err)
			}
			conns <- c
		}
		invoke = func() error {
			c := <-conns
			defer func() { conns <- c }()
			return call(c)
		}
	default:
		log.Fatalf("unknown -mode %q (want dial, tutorial, shared or lockstep)", *mode)
	}

	start := time.Now()
	measureFrom := start.Add(*warmup)
	stopAt := measureFrom.Add(*duration)
	window := cost.Measure(measureFrom, stopAt)
	var errs int64
	lat := make([][]time.Duration, *concurrency)
	var lag [][]time.Duration
	var wg sync.WaitGroup
	if *rate > 0 {
		lat, lag = paced(invoke, *rate, *concurrency, measureFrom, stopAt, &errs)
	}
	for i := 0; i < *concurrency && *rate == 0; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for {
				t0 := time.Now()
				if !t0.Before(stopAt) {
					return
				}
				err := invoke()
				if err != nil {
					atomic.AddInt64(&errs, 1)
				} else if !t0.Before(measureFrom) {
					lat[i] = append(lat[i], time.Since(t0))
				}
			}
		}(i)
	}
	wg.Wait()

	out := latency.Merge(lat).Report(*duration)
	out["errors"] = errs
	window.Add(out, out["calls"].(int))
	out["connections_opened"] = atomic.LoadInt64(&opened)
	if lag != nil {
		l := latency.Merge(lag)
		out["start_lag_p50_us"] = l.Micros(50)
		out["start_lag_p99_us"] = l.Micros(99)
		out["start_lag_max_us"] = l.Micros(100)
	}
	enc := json.NewEncoder(os.Stdout)
	if err := enc.Encode(out); err != nil {
		log.Fatal(err)
	}
}

// paced starts calls on schedule (call i is due i/rate seconds after the start),
// at most maxOut outstanding, until stopAt; it returns the latencies, counted
// from each call's due time, of calls due after measureFrom, and how late each
// of them started (behind schedule, or waiting for a free slot; the latency
// includes it, as `rpcpool bench --rate` reports it). A call due while maxOut are outstanding
// starts when one finishes, and its wait counts.
func paced(invoke func() error, rate float64, maxOut int, measureFrom, stopAt time.Time, errs *int64) (lat, lag [][]time.Duration) {
	lat = make([][]time.Duration, maxOut)
	lag = make([][]time.Duration, maxOut)
	// a slot's latencies are appended only by the goroutine holding the slot; the channel orders them
	slots := make(chan int, maxOut)
	for i := 0; i < maxOut; i++ {
		slots <- i
	}
	interval := float64(time.Second) / rate
	begin := time.Now()
	for i := 0; ; i++ {
		due := begin.Add(time.Duration(float64(i) * interval))
		if !due.Before(stopAt) {
			break
		}
		if d := time.Until(due); d > 0 {
			time.Sleep(d)
		}
		slot := <-slots
		if !time.Now().Before(stopAt) {
			slots <- slot
			break
		}
		go func(slot int, due time.Time) {
			late := time.Since(due)
			err := invoke()
			took := time.Since(due)
			if !due.Before(measureFrom) {
				lag[slot] = append(lag[slot], late)
			}
			if err != nil {
				atomic.AddInt64(errs, 1)
			} else if !due.Before(measureFrom) {
				lat[slot] = append(lat[slot], took)
			}
			slots <- slot
		}(slot, due)
	}
	for i := 0; i < maxOut; i++ {
		<-slots // every call started has finished
	}
	return lat, lag
}
