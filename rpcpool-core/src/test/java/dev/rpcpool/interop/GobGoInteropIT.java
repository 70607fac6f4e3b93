package dev.rpcpool.interop;

import static dev.rpcpool.interop.GobMatrixTypes.assertSameValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.codec.gob.GobTyped;
import dev.rpcpool.demo.Args;
import dev.rpcpool.demo.DemoServices;
import dev.rpcpool.demo.Quotient;
import dev.rpcpool.codec.gob.GoArray;
import dev.rpcpool.interop.GobMatrixTypes.Fixed;
import dev.rpcpool.interop.GobMatrixTypes.Inner;
import dev.rpcpool.interop.GobMatrixTypes.Matrix;
import dev.rpcpool.interop.GobMatrixTypes.Node;
import dev.rpcpool.interop.GobMatrixTypes.Shape;
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
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * rpcpool with the gob codec against stock Go net/rpc peers, both directions, plain TCP and HTTP
 * CONNECT, over the demo services and the type matrix (goserver's Types service).
 */
class GobGoInteropIT {
    private static final Duration T = Duration.ofSeconds(20);
    private static final GobCodec GOB = GobMatrixTypes.codec();
    private static EventLoopResources loops;

    /** Java twin of goserver's Types service. Thread-safe (stateless). */
    public static final class TypesService {
        public Matrix matrix(Matrix m) {
            return m;
        }

        public Node node(Node n) {
            return n;
        }

        public Instant time(Instant t) {
            return t;
        }

        public List<String> strings(List<String> s) {
            return s;
        }

        public GobTyped dynamic(Map<String, Object> m) {
            return new GobTyped(m, MAP_OF_ANY);
        }

        public Fixed fixed(Fixed f) {
            return f;
        }

        /** Like Go's Types.Digest: a [32]byte in (read as byte[]), the same reversed out. */
        public GoArray digest(byte[] d) {
            byte[] r = new byte[d.length];
            for (int i = 0; i < d.length; i++) {
                r[d.length - 1 - i] = d[i];
            }
            return new GoArray(32, r);
        }

        /** Like Go's Types.Zero, which never sets its reply. */
        public Node zero(long n) {
            return null;
        }

        public long fail(String message) {
            throw new IllegalArgumentException(message);
        }
    }

    @SuppressWarnings("unused")
    private static Map<String, Object> mapOfAnyTemplate;
    private static final Type MAP_OF_ANY;

    static {
        try {
            MAP_OF_ANY = GobGoInteropIT.class.getDeclaredField("mapOfAnyTemplate").getGenericType();
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @BeforeAll
    static void setUp() {
        loops = EventLoopResources.create(2);
    }

    @AfterAll
    static void tearDown() {
        loops.close();
    }

    private static RpcClient connect(GoProcess server, boolean http) {
        RpcClientOptions.Builder b = RpcClientOptions.builder(GOB);
        if (http) {
            b.http();
        }
        return new RpcConnector(loops, b.build()).connect(server.address());
    }

    private static String[] serverFlags(boolean http) {
        return http ? new String[] {"-codec", "gob", "-http"} : new String[] {"-codec", "gob"};
    }

    @ParameterizedTest(name = "http={0}")
    @ValueSource(booleans = {false, true})
    void javaClientCallsTheDemoServicesOfAGoGobServer(boolean http) {
        try (GoProcess go = GoProcess.startServer(serverFlags(http)); RpcClient c = connect(go, http)) {
            assertThat(c.call("Arith.Multiply", new Args(7, 8), Long.class, T)).isEqualTo(56L);
            assertThat(c.call("Arith.Divide", new Args(17, 5), Quotient.class, T)).isEqualTo(new Quotient(3, 2));
            assertThat(c.call("Echo.Echo", "héllo, 世界", String.class, T)).isEqualTo("héllo, 世界");
            byte[] blob = new byte[70_000];
            for (int i = 0; i < blob.length; i++) {
                blob[i] = (byte) (i * 7);
            }
            assertThat(c.call("Echo.Bytes", blob, byte[].class, T)).isEqualTo(blob);
            assertThat(c.call("Echo.Nil", 1, List.class, T)).isEmpty();
            assertThatThrownBy(() -> c.call("Arith.Divide", new Args(1, 0), Quotient.class, T))
                    .isInstanceOf(ServerErrorException.class).hasMessage("divide by zero");
            assertThatThrownBy(() -> c.call("Nope.Multiply", new Args(1, 2), Long.class, T))
                    .isInstanceOf(ServerErrorException.class).hasMessage("rpc: can't find service Nope.Multiply");
            // a reply that does not fit the Java type fails that call only, as in Go's client
            assertThatThrownBy(() -> c.call("Echo.Echo", "x", Long.class, T))
                    .isInstanceOf(ServerErrorException.class).hasMessageStartingWith("reading body gob: type mismatch");
            List<CompletableFuture<Long>> calls = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                calls.add(c.callAsync("Arith.Multiply", new Args(i, 3), Long.class, T));
            }
            for (int i = 0; i < 64; i++) {
                assertThat(calls.get(i).join()).isEqualTo(3L * i);
            }
            assertThat(c.isActive()).isTrue();
        }
    }

    @ParameterizedTest(name = "http={0}")
    @ValueSource(booleans = {false, true})
    void javaClientSendsTheTypeMatrixThroughAGoGobServer(boolean http) {
        try (GoProcess go = GoProcess.startServer(serverFlags(http)); RpcClient c = connect(go, http)) {
            Matrix extremes = c.call("Types.Extremes", 0L, Matrix.class, T);
            assertThat(Long.toUnsignedString(extremes.u64())).isEqualTo("18446744073709551615");
            assertThat(extremes.any()).isEqualTo(new Shape("square", 2.5));
            assertSameValue(c.call("Types.Matrix", extremes, Matrix.class, T), extremes);
            Matrix zero = new Matrix(false, 0, (byte) 0, 0, 0, 0, 0, 0, 0f, "", null, null, null, null, null,
                    new Inner("", null, null), null, null, null, null, null, null);
            assertSameValue(c.call("Types.Matrix", zero, Matrix.class, T), zero);
            Node tree = new Node(1, List.of(new Node(-2, null), new Node(3, List.of(new Node(4, null)))));
            assertThat(c.call("Types.Node", tree, Node.class, T)).isEqualTo(tree);
            Instant t = Instant.parse("2262-04-11T23:47:16.854775807Z");
            assertThat(c.call("Types.Time", t, Instant.class, T)).isEqualTo(t);
            assertThat(c.call("Types.Strings", List.of("", "ü", "日本"), List.class, T)).isEqualTo(List.of("", "ü", "日本"));
            Map<String, Object> dyn = new LinkedHashMap<>();
            dyn.put("n", 7L);
            dyn.put("s", "x");
            dyn.put("in", new Inner("i", List.of("t"), new byte[] {1}));
            Object back = c.call("Types.Dynamic", new GobTyped(dyn, MAP_OF_ANY), Object.class, T);
            assertSameValue(back, dyn);
            Fixed fixed = GobMatrixTypes.sampleFixed();
            assertSameValue(c.call("Types.Fixed", fixed, Fixed.class, T), fixed);
            assertThat(c.call("Types.Zero", 0L, Node.class, T)).isEqualTo(new Node(0, null));
            byte[] digest = GobMatrixTypes.sampleFixed().digest();
            byte[] reversed = c.call("Types.Digest", new GoArray(32, digest), byte[].class, T);
            assertThat(reversed[0]).isEqualTo(digest[31]);
            assertThat(reversed[31]).isEqualTo(digest[0]);
            assertThatThrownBy(() -> c.call("Types.Fail", "boom", Long.class, T))
                    .isInstanceOf(ServerErrorException.class).hasMessage("boom");
        }
    }

    @org.junit.jupiter.api.Test
    void dynamicRepliesNeedNoJavaTypesNorRegistrations() {
        RpcConnector plain = new RpcConnector(loops, RpcClientOptions.builder(GobCodec.create()).build());
        try (GoProcess go = GoProcess.startServer("-codec", "gob"); RpcClient c = plain.connect(go.address())) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) c.call("Types.Extremes", 0L, Object.class, T);
            assertThat(m.get("U64")).isEqualTo(new java.math.BigInteger("18446744073709551615"));
            assertThat(m.get("S")).isEqualTo("héllo, 世界 🌍");
            assertThat(m.get("T")).isEqualTo(Instant.parse("2024-02-29T23:59:59.999999999Z"));
            assertThat(m.get("Any")).isEqualTo(Map.of("Kind", "square", "Side", 2.5));
            assertThat(m.get("Extra")).isEqualTo("skipped by Java");
            assertThat(c.call("Arith.Divide", Map.of("A", 17, "B", 5), Object.class, T))
                    .isEqualTo(Map.of("Quo", 3L, "Rem", 2L));
        }
    }

    @ParameterizedTest(name = "http={0}")
    @ValueSource(booleans = {false, true})
    void goGobClientsPassEveryCheckAgainstTheJavaServer(boolean http) throws Exception {
        RpcServerOptions.Builder options = RpcServerOptions.builder(GOB);
        if (http) {
            options.http();
        }
        try (RpcServer server = DemoServices.registerAll(new RpcServer(loops, options.build()))
                .register("Types", new TypesService())) {
            InetSocketAddress addr = server.start(new InetSocketAddress("127.0.0.1", 0));
            String hostPort = "127.0.0.1:" + addr.getPort();
            String[] demoArgs = http ? new String[] {"-addr", hostPort, "-http"} : new String[] {"-addr", hostPort, "-codec", "gob"};
            try (GoProcess client = GoProcess.startProgram("goclient", demoArgs)) {
                assertThat(client.waitFor(Duration.ofSeconds(60))).as(client.output()).isZero();
                assertThat(client.output()).contains("OK 9 checks");
            }
            String[] typesArgs = http ? new String[] {"-addr", hostPort, "-http"} : new String[] {"-addr", hostPort};
            try (GoProcess client = GoProcess.startProgram("gobtypesclient", typesArgs)) {
                assertThat(client.waitFor(Duration.ofSeconds(60))).as(client.output()).isZero();
                assertThat(client.output()).contains("OK 10 checks");
            }
        }
    }
}
