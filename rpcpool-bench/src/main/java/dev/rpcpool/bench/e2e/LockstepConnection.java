package dev.rpcpool.bench.e2e;

import dev.rpcpool.codec.ClientCodec;
import dev.rpcpool.codec.Codec;
import dev.rpcpool.codec.DecodedResponse;
import dev.rpcpool.codec.RequestHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * One blocking socket that carries one {@code net/rpc} call at a time, written and read by the
 * calling thread itself: encode with an rpcpool codec, one {@code write}, then {@code read} until
 * the reply decodes. No event loop, no hand-off between threads, no pool: the I/O model of a
 * classic JDBC driver or of OkHttp's HTTP/1 connections, kept here to measure what that model gets
 * from a server (the {@code java-lockstep} contender), not as a client for applications (no TLS, no
 * reconnect, a read timeout instead of a per-call deadline).
 *
 * <p>Thread-safety: not thread-safe; one caller thread owns it.
 */
final class LockstepConnection implements AutoCloseable {
    private static final int MAX_MESSAGE_BYTES = 16 << 20;

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final ClientCodec codec;
    private final ByteBuf request = Unpooled.buffer(256);
    private final ByteBuf received = Unpooled.buffer(4096);
    private final byte[] chunk = new byte[64 * 1024];
    private long seq;

    /** Connects, with {@code readTimeout} bounding every wait for bytes from the server. */
    LockstepConnection(InetSocketAddress address, Codec codec, Duration readTimeout) throws IOException {
        socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(address, (int) readTimeout.toMillis());
            socket.setSoTimeout((int) readTimeout.toMillis());
            out = socket.getOutputStream();
            in = socket.getInputStream();
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        this.codec = codec.newClientCodec(MAX_MESSAGE_BYTES);
    }

    /**
     * Makes one call and returns its decoded reply.
     *
     * @throws IOException if the connection fails or times out, the server answers with an error, or
     *     the reply is not the one asked for
     */
    Object call(String serviceMethod, Object args, Type replyType) throws IOException {
        long mine = seq++;
        request.clear();
        codec.writeRequest(new RequestHeader(serviceMethod, mine), args, request);
        out.write(request.array(), request.arrayOffset() + request.readerIndex(), request.readableBytes());
        DecodedResponse r;
        while ((r = codec.readResponse(received, s -> s == mine ? replyType : null)) == null) {
            int n = in.read(chunk);
            if (n < 0) {
                throw new EOFException("the server closed the connection while " + serviceMethod + " waited for its reply");
            }
            received.writeBytes(chunk, 0, n);
        }
        received.discardReadBytes();
        if (r.header().seq() != mine) {
            throw new IOException("reply for call #" + r.header().seq() + " while call #" + mine + " waited");
        }
        if (r.header().isError()) {
            throw new IOException(serviceMethod + " failed on the server: " + r.header().error());
        }
        if (r.bodyError() != null) {
            throw new IOException(serviceMethod + ": " + r.bodyError());
        }
        return r.reply();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
