package dev.rpcpool.codec.gob;

import dev.rpcpool.codec.ArgTypes;
import dev.rpcpool.codec.ClientCodec;
import dev.rpcpool.codec.RequestHeader;
import dev.rpcpool.codec.ServerCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A quick timing loop (not a test, not JMH): encode + decode of one request through the gob client
 * and server codecs, in steady state (type definitions already sent). Run with
 * {@code java -cp <test classpath> dev.rpcpool.codec.gob.GobSpeedCheck}.
 */
public final class GobSpeedCheck {
    record Args(long a, long b) {}

    record Item(String name, long count, double price, boolean active) {}

    record Big(String title, List<Long> ids, Map<String, Long> counters, byte[] blob, List<Item> items, double[] series) {}

    private GobSpeedCheck() {}

    public static void main(String[] argv) {
        Big big = big();
        System.out.printf("Args{A,B}: %s%n", measure(new Args(7, 8), Args.class));
        System.out.printf("Big (~1 KiB): %s%n", measure(big, Big.class));
    }

    static Big big() {
        List<Long> ids = new ArrayList<>();
        for (long i = 0; i < 40; i++) {
            ids.add(i * 1_000_003);
        }
        Map<String, Long> counters = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            counters.put("counter-" + i, (long) i * i);
        }
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            items.add(new Item("item number " + i, i, i * 1.25, i % 2 == 0));
        }
        double[] series = new double[20];
        for (int i = 0; i < series.length; i++) {
            series[i] = Math.sin(i);
        }
        return new Big("a title of moderate length, with ünïcödé", ids, counters, new byte[300], items, series);
    }

    static String measure(Object value, Class<?> type) {
        ClientCodec client = GobCodec.create().newClientCodec(1 << 20);
        ServerCodec server = GobCodec.create().newServerCodec(1 << 20);
        ArgTypes argTypes = m -> type;
        ByteBuf buf = Unpooled.buffer(4096);
        RequestHeader h = new RequestHeader("Svc.Method", 1);
        client.writeRequest(h, value, buf);
        server.readRequest(buf, argTypes); // type definitions go once
        buf.clear();
        client.writeRequest(h, value, buf);
        int bytes = buf.readableBytes();
        server.readRequest(buf, argTypes);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long best = Long.MAX_VALUE;
        long allocPerOp = 0;
        for (int round = 0; round < 10; round++) {
            int n = 200_000;
            long a0 = mx.getCurrentThreadAllocatedBytes();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                buf.clear();
                client.writeRequest(h, value, buf);
                if (server.readRequest(buf, argTypes) == null) {
                    throw new AssertionError("incomplete");
                }
            }
            long ns = (System.nanoTime() - t0) / n;
            long alloc = (mx.getCurrentThreadAllocatedBytes() - a0) / n;
            if (ns < best) {
                best = ns;
                allocPerOp = alloc;
            }
        }
        buf.release();
        return best + " ns/op (encode+decode of header and body), " + allocPerOp + " B allocated/op, " + bytes
                + " bytes on the wire";
    }
}
