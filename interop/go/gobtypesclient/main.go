// gobtypesclient is a stock Go net/rpc gob client that calls a server's Types
// service (see goserver/types.go) with the gob interop matrix and checks that
// every value comes back as sent.
//
//	gobtypesclient -addr 127.0.0.1:1234 [-http]
//
// It prints one line per check and "OK <n> checks"; it exits 1 on the first mismatch.
package main

import (
	"bytes"
	"encoding/gob"
	"flag"
	"fmt"
	"math"
	"os"
	"reflect"
	"time"

	"net/rpc"

	"rpcpool.dev/interop/gobtypes"
)

var checks int

func fail(format string, a ...any) {
	fmt.Printf("FAIL "+format+"\n", a...)
	os.Exit(1)
}

func pass(format string, a ...any) {
	checks++
	fmt.Printf("ok   "+format+"\n", a...)
}

// comparable returns m with the parts DeepEqual cannot compare (NaN, time
// locations, pointers) checked separately and cleared.
func comparable(label string, m gobtypes.Matrix, want gobtypes.Matrix) {
	if !m.T.Equal(want.T) {
		fail("%s: T = %v, want %v", label, m.T, want.T)
	}
	if len(m.Flts) != len(want.Flts) {
		fail("%s: Flts = %v, want %v", label, m.Flts, want.Flts)
	}
	for i := range m.Flts {
		if math.Float64bits(m.Flts[i]) != math.Float64bits(want.Flts[i]) {
			fail("%s: Flts[%d] = %v, want %v", label, i, m.Flts[i], want.Flts[i])
		}
	}
	if (m.P == nil) != (want.P == nil) || (m.P != nil && !reflect.DeepEqual(*m.P, *want.P)) {
		fail("%s: P = %+v, want %+v", label, m.P, want.P)
	}
	m.T, want.T = time.Time{}, time.Time{}
	m.Flts, want.Flts = nil, nil
	m.P, want.P = nil, nil
	if !reflect.DeepEqual(m, want) {
		fail("%s:\n got  %+v\n want %+v", label, m, want)
	}
}

// viaGob returns m as a Go server would echo it: through Go's own gob encoder
// and decoder (which, for example, decode an empty inner slice as nil).
func viaGob(m gobtypes.Matrix) gobtypes.Matrix {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(&m); err != nil {
		fail("gob encode: %v", err)
	}
	var out gobtypes.Matrix
	if err := gob.NewDecoder(&buf).Decode(&out); err != nil {
		fail("gob decode: %v", err)
	}
	return out
}

func main() {
	addr := flag.String("addr", "", "server address host:port")
	useHTTP := flag.Bool("http", false, "connect with HTTP CONNECT")
	flag.Parse()
	var client *rpc.Client
	var err error
	if *useHTTP {
		client, err = rpc.DialHTTP("tcp", *addr)
	} else {
		client, err = rpc.Dial("tcp", *addr)
	}
	if err != nil {
		fail("dial %s: %v", *addr, err)
	}
	defer client.Close()

	sent := gobtypes.Extremes()
	var got gobtypes.Matrix
	if err := client.Call("Types.Matrix", &sent, &got); err != nil {
		fail("Types.Matrix: %v", err)
	}
	want := viaGob(gobtypes.Extremes())
	want.Extra = "" // the Java twin has no Extra field
	comparable("Types.Matrix(extremes)", got, want)
	pass("Types.Matrix(extremes) round trip")

	var zero gobtypes.Matrix
	got = gobtypes.Matrix{}
	if err := client.Call("Types.Matrix", &zero, &got); err != nil {
		fail("Types.Matrix(zero): %v", err)
	}
	comparable("Types.Matrix(zero)", got, zero)
	pass("Types.Matrix(zero) round trip")

	tree := gobtypes.Node{Value: 1, Kids: []gobtypes.Node{{Value: 2}, {Value: -3, Kids: []gobtypes.Node{{Value: 4}}}}}
	var treeBack gobtypes.Node
	if err := client.Call("Types.Node", &tree, &treeBack); err != nil || !reflect.DeepEqual(tree, treeBack) {
		fail("Types.Node = %+v, %v; want %+v", treeBack, err, tree)
	}
	pass("Types.Node recursive round trip")

	when := time.Date(1, 1, 1, 0, 0, 1, 5, time.UTC)
	var whenBack time.Time
	if err := client.Call("Types.Time", when, &whenBack); err != nil || !when.Equal(whenBack) {
		fail("Types.Time = %v, %v; want %v", whenBack, err, when)
	}
	pass("Types.Time round trip")

	strs := []string{"", "ü", "日本"}
	var strsBack []string
	if err := client.Call("Types.Strings", strs, &strsBack); err != nil || !reflect.DeepEqual(strs, strsBack) {
		fail("Types.Strings = %q, %v; want %q", strsBack, err, strs)
	}
	pass("Types.Strings round trip")

	dyn := map[string]interface{}{"n": 7, "s": "x", "in": gobtypes.Inner{Name: "i"}}
	var dynBack map[string]interface{}
	if err := client.Call("Types.Dynamic", dyn, &dynBack); err != nil || !reflect.DeepEqual(dyn, dynBack) {
		fail("Types.Dynamic = %#v, %v; want %#v", dynBack, err, dyn)
	}
	pass("Types.Dynamic (interface values) round trip")

	fixed := gobtypes.Fixed{Quad: [4]int{math.MinInt64, -1, 0, math.MaxInt64}, Names: [2]string{"α", ""},
		Pair: [2]gobtypes.Inner{{Name: "a", Tags: []string{"t"}}, {Name: "b"}},
		Grid: [2][3]int{{1, -2, 3}, {math.MaxInt64, 0, math.MinInt64}}, Keys: [][2]byte{{255, 0}, {7, 8}}, Height: 9}
	for i := range fixed.Digest {
		fixed.Digest[i] = byte(i*8 + 1)
	}
	var fixedBack gobtypes.Fixed
	if err := client.Call("Types.Fixed", &fixed, &fixedBack); err != nil || !reflect.DeepEqual(fixed, fixedBack) {
		fail("Types.Fixed = %+v, %v; want %+v", fixedBack, err, fixed)
	}
	pass("Types.Fixed (fixed-size arrays) round trip")

	var digest, reversed [32]byte
	for i := range digest {
		digest[i] = byte(255 - i)
	}
	if err := client.Call("Types.Digest", digest, &reversed); err != nil || reversed[0] != digest[31] || reversed[31] != digest[0] {
		fail("Types.Digest = %v, %v; want %v reversed", reversed, err, digest)
	}
	pass("Types.Digest (top-level [32]byte) both ways")

	var fresh gobtypes.Node
	if err := client.Call("Types.Zero", 0, &fresh); err != nil || !reflect.DeepEqual(fresh, gobtypes.Node{}) {
		fail("Types.Zero = %+v, %v; want the zero Node", fresh, err)
	}
	pass("Types.Zero -> zero reply")

	var n int
	err = client.Call("Types.Fail", "boom", &n)
	if _, ok := err.(rpc.ServerError); !ok || err.Error() != "boom" {
		fail("Types.Fail error = %v (%T); want rpc.ServerError boom", err, err)
	}
	pass("Types.Fail -> server error")

	fmt.Printf("OK %d checks\n", checks)
}
