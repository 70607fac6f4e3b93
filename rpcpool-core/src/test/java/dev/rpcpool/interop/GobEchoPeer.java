package dev.rpcpool.interop;

import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.codec.gob.GobDecoder;
import dev.rpcpool.codec.gob.GobEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.util.Optional;

/**
 * A running {@code interop/go/gobecho}: Java encodes a value onto its stdin, Go's
 * {@code encoding/gob} decodes it into the named Go type and encodes it back, Java decodes the
 * answer. One process serves a whole test class (one gob stream each way, so type definitions are
 * sent once, as on a connection).
 *
 * <p>Thread-safety: not thread-safe; one test thread at a time.
 */
public final class GobEchoPeer implements AutoCloseable {
    /** The Go names gobtypes registers for interface values. */
    public static final String PKG = "rpcpool.dev/interop/gobtypes.";

    private final Process process;
    private final OutputStream toGo;
    private final InputStream fromGo;
    private final GobEncoder encoder;
    private final GobDecoder decoder;
    private final ByteBuf pending = Unpooled.buffer();
    private final byte[] chunk = new byte[8192];
    private final StringBuilder stderr = new StringBuilder();

    public GobEchoPeer(GobCodec codec) {
        try {
            process = new ProcessBuilder(GoPrograms.binary("gobecho").toString()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start gobecho", e);
        }
        toGo = process.getOutputStream();
        fromGo = process.getInputStream();
        encoder = codec.newEncoder();
        decoder = codec.newDecoder(16 << 20);
        Thread err = new Thread(() -> {
            try (InputStream e = process.getErrorStream()) {
                byte[] b = e.readAllBytes();
                synchronized (stderr) {
                    stderr.append(new String(b, java.nio.charset.StandardCharsets.UTF_8));
                }
            } catch (IOException ignored) {
                // process gone
            }
        }, "gobecho-stderr");
        err.setDaemon(true);
        err.start();
    }

    /** Sends {@code value} as Go type {@code goType}; returns what Go sent back, decoded into {@code javaType}. */
    public Object echo(String goType, Object value, Type declared, Type javaType) {
        send(encoder.encode(goType));
        send(encoder.encode(value, declared));
        flush();
        return receive(javaType);
    }

    /** Asks gobecho for {@code gobtypes.Extremes()} and decodes it into {@code javaType}. */
    public Object extremes(Type javaType) {
        send(encoder.encode("EXTREMES"));
        flush();
        return receive(javaType);
    }

    private Object receive(Type javaType) {
        String name = (String) next(String.class);
        if (name.equals("ERROR")) {
            throw new AssertionError("Go could not decode: " + next(String.class) + "\n" + stderr());
        }
        return next(javaType);
    }

    /** Raw bytes to Go (for hostile-input checks of Go's side is not needed; Java-side only). */
    private void send(byte[] bytes) {
        try {
            toGo.write(bytes);
        } catch (IOException e) {
            throw new IllegalStateException("gobecho died: " + stderr(), e);
        }
    }

    private void flush() {
        try {
            toGo.flush();
        } catch (IOException e) {
            throw new IllegalStateException("gobecho died: " + stderr(), e);
        }
    }

    private Object next(Type type) {
        while (true) {
            Optional<Object> v = decoder.decode(pending, type);
            if (v.isPresent()) {
                pending.discardReadBytes();
                return v.get();
            }
            int n;
            try {
                n = fromGo.read(chunk);
            } catch (IOException e) {
                throw new IllegalStateException("reading from gobecho failed: " + stderr(), e);
            }
            if (n < 0) {
                throw new IllegalStateException("gobecho exited: " + stderr());
            }
            pending.writeBytes(chunk, 0, n);
        }
    }

    private String stderr() {
        try {
            process.waitFor(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    @Override
    public void close() {
        try {
            toGo.close();
        } catch (IOException ignored) {
            // already gone
        }
        process.destroyForcibly();
        pending.release();
    }
}
