package dev.rpcpool.codec.gob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcpool.rpc.RpcClient;
import dev.rpcpool.rpc.RpcClientOptions;
import dev.rpcpool.rpc.RpcConnector;
import dev.rpcpool.rpc.RpcServer;
import dev.rpcpool.rpc.RpcServerOptions;
import dev.rpcpool.rpc.ServerErrorException;
import dev.rpcpool.transport.EventLoopResources;
import java.lang.reflect.Type;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Java service's reply goes out as its method declares it, as a Go client expects: a returned
 * {@code LinkedHashMap} as a Go map (not a struct), a {@code null} list as an empty slice of the
 * declared element type, a {@code null} struct or scalar as its Go zero value.
 */
class GobDeclaredReplyTypeTest {
    /** A service whose replies are collections. */
    public static final class Collections {
        public Map<String, Integer> counts(int n) {
            Map<String, Integer> m = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                m.put("k" + i, i);
            }
            return m;
        }

        public List<Integer> none(int n) {
            return null; // Go's nil slice
        }

        public List<Long> empty(int n) {
            return new ArrayList<>();
        }
    }

    public record Point(long x, String label) {}

    /** A service whose replies are null where Go would send a reply it never set. */
    public static final class Nothing {
        public Point point(int n) {
            return null;
        }

        public String text(int n) {
            return null;
        }

        public Long count(int n) {
            return null;
        }

        public Instant when(int n) {
            return null;
        }

        public Object anything(int n) {
            return null; // no declared Go type: nothing to send
        }
    }

    @SuppressWarnings("unused")
    private Map<String, Integer> mapType;
    @SuppressWarnings("unused")
    private List<Integer> intList;
    @SuppressWarnings("unused")
    private List<Long> longList;

    private static Type typeOf(String field) throws NoSuchFieldException {
        return GobDeclaredReplyTypeTest.class.getDeclaredField(field).getGenericType();
    }

    private static final Duration T = Duration.ofSeconds(5);

    private interface ClientCheck {
        void check(RpcClient client) throws Exception;
    }

    /** Runs {@code check} with a gob client of a gob server that has {@code service} under {@code name}. */
    private static void withService(String name, Object service, ClientCheck check) throws Exception {
        try (EventLoopResources loops = EventLoopResources.create(2);
                RpcServer server = new RpcServer(loops, RpcServerOptions.builder(GobCodec.create()).build())) {
            server.register(name, service);
            InetSocketAddress a = server.start(new InetSocketAddress("127.0.0.1", 0));
            try (RpcClient client = new RpcConnector(loops, RpcClientOptions.builder(GobCodec.create()).build()).connect(a)) {
                check.check(client);
            }
        }
    }

    @Test
    void repliesAreSentAsTheMethodDeclaresThem() throws Exception {
        withService("Collections", new Collections(), client -> {
            Map<String, Integer> counts = client.call("Collections.Counts", 3, typeOf("mapType"), T);
            assertThat(counts).containsExactly(Map.entry("k0", 0), Map.entry("k1", 1), Map.entry("k2", 2));
            List<Integer> none = client.call("Collections.None", 0, typeOf("intList"), T);
            assertThat(none).isEmpty();
            List<Long> empty = client.call("Collections.Empty", 0, typeOf("longList"), T);
            assertThat(empty).isEmpty();
        });
    }

    @Test
    void aNullStructOrScalarReplyIsSentAsItsGoZeroValue() throws Exception {
        withService("Nothing", new Nothing(), client -> {
            assertThat(client.call("Nothing.Point", 0, Point.class, T)).isEqualTo(new Point(0, ""));
            assertThat(client.call("Nothing.Text", 0, String.class, T)).isEmpty();
            assertThat(client.call("Nothing.Count", 0, Long.class, T)).isZero();
            assertThat(client.call("Nothing.When", 0, Instant.class, T)).isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
            assertThatThrownBy(() -> client.call("Nothing.Anything", 0, Object.class, T))
                    .isInstanceOf(ServerErrorException.class).hasMessageContaining("cannot encode reply")
                    .hasMessageContaining("null reply");
            assertThat(client.call("Nothing.Point", 0, Point.class, T)).as("the connection is intact").isEqualTo(new Point(0, ""));
        });
    }
}
