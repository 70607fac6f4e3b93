package main

import (
	"errors"
	"log"
	"net/rpc"
	"time"

	"rpcpool.dev/interop/gobtypes"
)

// Types echoes the gob interop type matrix (see interop/go/gobtypes), so rpcpool
// can check every kind of value through a stock Go net/rpc server.
type Types int

func (t *Types) Matrix(args *gobtypes.Matrix, reply *gobtypes.Matrix) error {
	*reply = *args
	return nil
}

func (t *Types) Extremes(n int, reply *gobtypes.Matrix) error {
	*reply = gobtypes.Extremes()
	return nil
}

func (t *Types) Node(args *gobtypes.Node, reply *gobtypes.Node) error {
	*reply = *args
	return nil
}

func (t *Types) Time(args time.Time, reply *time.Time) error {
	*reply = args
	return nil
}

func (t *Types) Strings(args []string, reply *[]string) error {
	*reply = args
	return nil
}

func (t *Types) Dynamic(args map[string]interface{}, reply *map[string]interface{}) error {
	*reply = args
	return nil
}

func (t *Types) Fixed(args *gobtypes.Fixed, reply *gobtypes.Fixed) error {
	*reply = *args
	return nil
}

// Digest takes and returns a top-level fixed-size array, reversed.
func (t *Types) Digest(args [32]byte, reply *[32]byte) error {
	for i, b := range args {
		reply[len(args)-1-i] = b
	}
	return nil
}

// Zero leaves its reply unset: the client receives the zero Node.
func (t *Types) Zero(n int, reply *gobtypes.Node) error {
	return nil
}

func (t *Types) Fail(msg string, reply *int) error {
	return errors.New(msg)
}

// registerTypes registers services used by codec interop tests that need more
// than the classic example types.
func registerTypes(srv *rpc.Server) {
	if err := srv.RegisterName("Types", new(Types)); err != nil {
		log.Fatal(err)
	}
}
