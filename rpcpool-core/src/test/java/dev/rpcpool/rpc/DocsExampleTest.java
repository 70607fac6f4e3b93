package dev.rpcpool.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcpool.codec.jsonrpc.JsonRpcCodec;
import dev.rpcpool.demo.Args;
import dev.rpcpool.demo.DemoServices;
import dev.rpcpool.demo.Quotient;
import dev.rpcpool.transport.EventLoopResources;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The examples of docs/rpc.md, compiled and run (against the Java server instead of goserver). */
class DocsExampleTest {

    @Test
    void readmeExampleRunsAsWritten() {
        StringBuilder printed = new StringBuilder();
        Duration timeout = Duration.ofSeconds(3);
        try (EventLoopResources loops = EventLoopResources.create();
                RpcServer server = new RpcServer(loops, RpcServerOptions.builder(new JsonRpcCodec()).build())) {
            DemoServices.registerAll(server);
            InetSocketAddress addr = server.start(new InetSocketAddress("127.0.0.1", 0));

            RpcConnector connector = new RpcConnector(loops, RpcClientOptions.builder(new JsonRpcCodec()).build());
            try (RpcClient client = connector.connect(addr)) {
                int product = client.call("Arith.Multiply", new Args(7, 8), Integer.class, timeout);
                Quotient q = client.call("Arith.Divide", new Args(17, 5), Quotient.class, timeout);
                client.callAsync("Echo.Echo", "hello", String.class, timeout).thenAccept(printed::append).join();
                try {
                    client.call("Arith.Divide", new Args(1, 0), Quotient.class, timeout);
                } catch (ServerErrorException e) {
                    printed.append(" ").append(e.getMessage());
                }
                printed.append(" ").append(product).append(" ").append(q);
            }
        }
        assertThat(printed.toString()).isEqualTo("hello divide by zero 56 Quotient[quo=3, rem=2]");
    }
}
