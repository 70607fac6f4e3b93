package dev.rpcpool.bench.e2e;

import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * The gRPC twin of the demo services the net/rpc contenders call: {@code Arith/Multiply} takes two
 * 64-bit integers (16 bytes, big-endian) and returns their product (8 bytes); {@code Echo/Bytes}
 * returns its request bytes. Messages are raw byte arrays (a byte-array marshaller), so no
 * protobuf code generation is involved and the payload bytes equal the net/rpc arguments'.
 *
 * <p>Thread-safety: stateless; the descriptors and the service definition are immutable.
 */
public final class GrpcBenchService {
    /** The methods' service name. */
    public static final String SERVICE = "rpcpool.bench.Bench";

    /** Arith.Multiply's twin: 16 bytes in, 8 out. */
    public static final MethodDescriptor<byte[], byte[]> MULTIPLY = unary("Multiply");

    /** Echo.Bytes' twin: the request bytes come back. */
    public static final MethodDescriptor<byte[], byte[]> ECHO = unary("Echo");

    private GrpcBenchService() {
    }

    /** The service with both methods, for {@code ServerBuilder.addService}. */
    public static ServerServiceDefinition definition() {
        return ServerServiceDefinition.builder(SERVICE)
                .addMethod(MULTIPLY, ServerCalls.asyncUnaryCall((req, reply) -> {
                    reply.onNext(multiply(req));
                    reply.onCompleted();
                }))
                .addMethod(ECHO, ServerCalls.asyncUnaryCall((req, reply) -> {
                    reply.onNext(req);
                    reply.onCompleted();
                }))
                .build();
    }

    /** The 16-byte request of {@code a * b}. */
    public static byte[] multiplyRequest(long a, long b) {
        return ByteBuffer.allocate(16).putLong(a).putLong(b).array();
    }

    /**
     * Multiplies the two longs of a 16-byte request.
     *
     * @throws IllegalArgumentException if the request is not 16 bytes
     */
    static byte[] multiply(byte[] request) {
        if (request.length != 16) {
            throw new IllegalArgumentException("Multiply takes 16 bytes (two longs), got " + request.length);
        }
        ByteBuffer in = ByteBuffer.wrap(request);
        return ByteBuffer.allocate(8).putLong(in.getLong() * in.getLong()).array();
    }

    private static MethodDescriptor<byte[], byte[]> unary(String method) {
        return MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, method))
                .setRequestMarshaller(BytesMarshaller.INSTANCE)
                .setResponseMarshaller(BytesMarshaller.INSTANCE)
                .build();
    }

    /** Passes messages through as they are: the bytes on the wire are the bytes of the message. */
    private enum BytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {
        INSTANCE;

        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
