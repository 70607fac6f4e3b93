package dev.rpcpool.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rpcpool.demo.Args;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** After clients, servers and event loops are closed, no thread or file descriptor of theirs remains. */
class ResourceLeakTest {
    private static final Duration T = Duration.ofSeconds(20);

    @Test
    void closingEverythingLeavesNoThreadsOrFileDescriptorsBehind() {
        runOnce(); // warm up: class loading, JIT, epoll's native library and lazily opened JDK files
        int fdsBefore = openFds();
        long threadsBefore = rpcpoolThreads();

        runOnce();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            // at most: threads of earlier tests in this JVM may still be winding down at the baseline
            assertThat(rpcpoolThreads()).isLessThanOrEqualTo(threadsBefore);
            assertThat(openFds()).isLessThanOrEqualTo(fdsBefore);
        });
    }

    private static void runOnce() {
        try (JsonRpcLoopback net = new JsonRpcLoopback()) {
            List<RpcClient> clients = new ArrayList<>();
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                RpcClient c = net.connect();
                clients.add(c);
                for (int j = 0; j < 8; j++) {
                    calls.add(c.callAsync("Arith.Multiply", new Args(i, j), Integer.class, T));
                }
            }
            calls.forEach(CompletableFuture::join);
            RpcClient dangling = net.connect(); // left open: server shutdown must close it
            dangling.callAsync("Sleep.Millis", 1, Integer.class, T).join();
            clients.forEach(RpcClient::close);
        }
    }

    private static int openFds() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? 0 : fds.length;
    }

    private static long rpcpoolThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("rpcpool-"))
                .count();
    }
}
