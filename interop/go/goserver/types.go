package main

import "net/rpc"

// registerTypes registers services used by codec interop tests that need more
// than the classic example types. Codec work extends this file.
func registerTypes(srv *rpc.Server) {}
