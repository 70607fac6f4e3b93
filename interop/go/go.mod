module rpcpool.dev/interop

go 1.19
