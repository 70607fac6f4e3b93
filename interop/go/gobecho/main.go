// gobecho reads a gob stream on stdin and writes every value back on stdout,
// re-encoded by Go's own encoder: rpcpool's codec-level interop peer.
//
// Each value is preceded by a string naming its Go type (see types below); gobecho
// decodes the value into that type and writes the name and the value back. On a
// decode error it writes "ERROR" and the error text, then exits. The name
// "EXTREMES" asks for gobtypes.Extremes() (no value follows).
package main

import (
	"bufio"
	"encoding/gob"
	"fmt"
	"io"
	"os"
	"reflect"
	"time"

	"rpcpool.dev/interop/gobtypes"
)

var types = map[string]reflect.Type{
	"Matrix":                 reflect.TypeOf(gobtypes.Matrix{}),
	"Inner":                  reflect.TypeOf(gobtypes.Inner{}),
	"Node":                   reflect.TypeOf(gobtypes.Node{}),
	"Fixed":                  reflect.TypeOf(gobtypes.Fixed{}),
	"Tagged":                 reflect.TypeOf(gobtypes.Tagged{}),
	"[32]byte":               reflect.TypeOf([32]byte{}),
	"[4]int":                 reflect.TypeOf([4]int{}),
	"string":                 reflect.TypeOf(""),
	"int":                    reflect.TypeOf(0),
	"uint64":                 reflect.TypeOf(uint64(0)),
	"float64":                reflect.TypeOf(0.0),
	"complex128":             reflect.TypeOf(complex128(0)),
	"complex64":              reflect.TypeOf(complex64(0)),
	"bool":                   reflect.TypeOf(false),
	"bytes":                  reflect.TypeOf([]byte(nil)),
	"time":                   reflect.TypeOf(time.Time{}),
	"[]string":               reflect.TypeOf([]string(nil)),
	"[]float64":              reflect.TypeOf([]float64(nil)),
	"[]Inner":                reflect.TypeOf([]gobtypes.Inner(nil)),
	"map[string]int":         reflect.TypeOf(map[string]int(nil)),
	"map[string]interface{}": reflect.TypeOf(map[string]interface{}(nil)),
	"[]interface{}":          reflect.TypeOf([]interface{}(nil)),
}

func main() {
	in := gob.NewDecoder(bufio.NewReader(os.Stdin))
	bw := bufio.NewWriter(os.Stdout)
	out := gob.NewEncoder(bw)
	fail := func(err error) {
		out.Encode("ERROR")
		out.Encode(err.Error())
		bw.Flush()
		fmt.Fprintln(os.Stderr, "gobecho:", err)
		os.Exit(1)
	}
	for {
		var name string
		if err := in.Decode(&name); err != nil {
			if err == io.EOF {
				bw.Flush()
				return
			}
			fail(fmt.Errorf("reading type name: %w", err))
		}
		if name == "EXTREMES" {
			out.Encode("Matrix")
			out.Encode(gobtypes.Extremes())
			bw.Flush()
			continue
		}
		t, ok := types[name]
		if !ok {
			fail(fmt.Errorf("unknown type name %q", name))
		}
		v := reflect.New(t)
		if err := in.DecodeValue(v); err != nil {
			fail(fmt.Errorf("decoding %s: %w", name, err))
		}
		if err := out.Encode(name); err != nil {
			fail(err)
		}
		if err := out.EncodeValue(v.Elem()); err != nil {
			fail(fmt.Errorf("encoding %s: %w", name, err))
		}
		bw.Flush()
	}
}
