package dev.rpcpool.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcpool.PoolMode;
import dev.rpcpool.RpcClientPool;
import dev.rpcpool.codec.jsonrpc.JsonRpcCodec;
import dev.rpcpool.rpc.ServerErrorException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's "Using the pool" examples, as written there (records with lower-case components,
 * gob by default, the exclusive jsonrpc pool, a chain of direct callbacks), against a stock Go
 * {@code net/rpc} server: if this fails, the README is wrong.
 */
class ReadmeExamplesIT {
    record Args(int a, int b) {}           // Go: type Args struct{ A, B int }

    record Quotient(int quo, int rem) {}   // Go: type Quotient struct{ Quo, Rem int }

    @Test
    void usingThePool() throws Exception {
        try (GoProcess go = GoProcess.startServer("-codec", "gob")) {
            String divideByZero;
            Quotient quotient;
            try (RpcClientPool pool = RpcClientPool.builder(go.hostPort())   // gob by default, like Go
                    .maxConnections(8)
                    .callTimeout(Duration.ofSeconds(2))                          // one deadline per call
                    .build()) {
                int product = pool.call("Arith.Multiply", new Args(7, 8), Integer.class);              // 56
                assertThat(product).isEqualTo(56);
                CompletableFuture<Quotient> q = // the README gives 200 ms; a loaded CI machine gets more
                        pool.callAsync("Arith.Divide", new Args(7, 2), Quotient.class, Duration.ofSeconds(5));
                quotient = q.get(5, TimeUnit.SECONDS);
                try {
                    pool.call("Arith.Divide", new Args(1, 0), Quotient.class);
                    divideByZero = null;
                } catch (ServerErrorException e) {        // "divide by zero": the connection is kept
                    divideByZero = e.getMessage();
                }
                assertThat(pool.stats().created()).isEqualTo(1);
            }
            assertThat(quotient).isEqualTo(new Quotient(3, 1));
            assertThat(divideByZero).isEqualTo("divide by zero");
        }
    }

    @Test
    void anExclusiveJsonRpcPool() {
        try (GoProcess go = GoProcess.startServer("-codec", "json");
                RpcClientPool exclusive = RpcClientPool.builder(go.hostPort())
                        .codec(new JsonRpcCodec()).mode(PoolMode.EXCLUSIVE).build()) {
            assertThat(exclusive.call("Arith.Multiply", new Args(7, 8), Integer.class)).isEqualTo(56);
        }
    }

    @Test
    void manyCallsInFlightWithoutAThreadEach() throws Exception {
        try (GoProcess go = GoProcess.startServer("-codec", "gob");
                RpcClientPool fast = RpcClientPool.builder(go.hostPort()).directCallbacks().build()) {
            CompletableFuture<Integer> chained = fast.callAsync("Arith.Multiply", new Args(7, 8), Integer.class)
                    .thenCompose(p -> fast.callAsync("Arith.Multiply", new Args(p, 2), Integer.class));   // 112
            assertThat(chained.get(5, TimeUnit.SECONDS)).isEqualTo(112);
        }
    }
}
