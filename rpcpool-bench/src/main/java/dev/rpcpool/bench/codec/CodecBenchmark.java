package dev.rpcpool.bench.codec;

import dev.rpcpool.codec.ArgTypes;
import dev.rpcpool.codec.ClientCodec;
import dev.rpcpool.codec.Codec;
import dev.rpcpool.codec.DecodedRequest;
import dev.rpcpool.codec.DecodedResponse;
import dev.rpcpool.codec.ReplyTypes;
import dev.rpcpool.codec.RequestHeader;
import dev.rpcpool.codec.ResponseHeader;
import dev.rpcpool.codec.ServerCodec;
import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.codec.jsonrpc.JsonRpcCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.lang.reflect.Type;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The codec work of one RPC, gob against jsonrpc: the client encodes the request, the server
 * decodes it, encodes the reply (the same value back, as an echo service does) and the client
 * decodes that. So one operation is two encodes and two decodes of the payload, plus the headers.
 *
 * <p>One client codec and one server codec per thread, as on one connection; the stream is warmed
 * up in setup, so gob's one-time type definitions are not in the measured steady state. Bytes go
 * through one reused pooled buffer, as the transport's would. The B/op column includes the
 * {@link ResponseHeader} the benchmark creates per call, as the RPC server would.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CodecBenchmark {
    private static final int MAX_MESSAGE_BYTES = 1 << 20;
    private static final String METHOD = "Echo.Value";

    /** {@code gob} or {@code jsonrpc}. */
    @Param({"gob", "jsonrpc"})
    public String codec;

    /** {@code args} (Go's {@code Args{A, B int}}) or {@code 1kib} (a ~1 KiB record). */
    @Param({"args", "1kib"})
    public String payload;

    private ClientCodec client;
    private ServerCodec server;
    private ByteBuf buf;
    private Object value;
    private RequestHeader requestHeader;
    private ArgTypes argTypes;
    private ReplyTypes replyTypes;

    /** Creates one connection's codecs and warms the stream up with one call. */
    @Setup(Level.Trial)
    public void open() {
        Codec c = switch (codec) {
            case "gob" -> GobCodec.create();
            case "jsonrpc" -> new JsonRpcCodec();
            default -> throw new IllegalArgumentException("unknown codec " + codec);
        };
        value = switch (payload) {
            case "args" -> Payloads.args();
            case "1kib" -> Payloads.item();
            default -> throw new IllegalArgumentException("unknown payload " + payload);
        };
        Type type = value.getClass();
        client = c.newClientCodec(MAX_MESSAGE_BYTES);
        server = c.newServerCodec(MAX_MESSAGE_BYTES);
        buf = PooledByteBufAllocator.DEFAULT.buffer(4096);
        requestHeader = new RequestHeader(METHOD, 1);
        argTypes = method -> type;
        replyTypes = seq -> type;
        Object echoed = call();
        if (!value.equals(echoed)) {
            throw new IllegalStateException(codec + " did not round-trip " + value + ", got " + echoed);
        }
    }

    /** Frees the pooled buffer. */
    @TearDown(Level.Trial)
    public void close() {
        buf.release();
    }

    /** One call's codec work: request out and in, reply out and in. Returns the decoded reply. */
    @Benchmark
    public Object call() {
        buf.clear();
        client.writeRequest(requestHeader, value, buf);
        DecodedRequest request = server.readRequest(buf, argTypes);
        buf.clear();
        RequestHeader in = request.header();
        server.writeResponse(new ResponseHeader(in.serviceMethod(), in.seq(), ""), request.args(), buf);
        DecodedResponse response = client.readResponse(buf, replyTypes);
        return response.reply();
    }

    /** Encoded size of the request for this codec and payload, for the report. */
    int requestBytes() {
        buf.clear();
        client.writeRequest(requestHeader, value, buf);
        int n = buf.readableBytes();
        server.readRequest(buf, argTypes);
        return n;
    }
}
