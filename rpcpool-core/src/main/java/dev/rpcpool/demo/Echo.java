package dev.rpcpool.demo;

import java.util.List;

/** {@code Echo.Echo} (a string), {@code Echo.Bytes} (a byte slice) and {@code Echo.Nil}, as in goserver. Thread-safe. */
public final class Echo {
    public String echo(String s) {
        return s;
    }

    public byte[] bytes(byte[] b) {
        return b;
    }

    /** Replies with a null list, as Go's nil slice: jsonrpc sends {@code "result":null,"error":null}. */
    public List<Integer> nil(int ignored) {
        return null;
    }
}
