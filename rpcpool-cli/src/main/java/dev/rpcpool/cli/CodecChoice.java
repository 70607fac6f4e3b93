package dev.rpcpool.cli;

import dev.rpcpool.codec.Codec;
import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.codec.jsonrpc.JsonRpcCodec;

/** The {@code --codec} choices: Go's two net/rpc codecs. */
enum CodecChoice {
    gob, json;

    Codec codec() {
        return this == gob ? GobCodec.create() : new JsonRpcCodec();
    }
}
