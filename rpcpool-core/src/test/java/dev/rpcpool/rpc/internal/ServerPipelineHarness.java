package dev.rpcpool.rpc.internal;

import dev.rpcpool.codec.Codec;
import dev.rpcpool.demo.Arith;
import dev.rpcpool.demo.Echo;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.util.SplittableRandom;

/**
 * Feeds bytes to the server's real connection handler ({@link ServerHandler} with a real codec and
 * the demo services) on an {@link EmbeddedChannel}, where the caller's thread is the event loop and
 * requests run inline, then checks what a hostile peer must not be able to do: make a codec throw
 * anything but a {@code CodecException}, make an exception escape the pipeline (the channel
 * rethrows it), leak a buffer (every buffer comes from an allocator that counts the bytes it has
 * out), or leave the connection counted or a request in flight after close. Test helper; one per
 * codec, not thread-safe.
 */
final class ServerPipelineHarness {
    static final int LIMIT = 1 << 14;
    /** Few enough that a burst of requests hits the per-connection limit and decoding pauses and resumes. */
    private static final int MAX_CONCURRENT = 3;

    private final Codec codec;
    private final ServiceRegistry registry = new ServiceRegistry();

    ServerPipelineHarness(Codec codec) {
        this.codec = codec;
        registry.register("Arith", new Arith()); // no Sleep service: a request must not stall the run
        registry.register("Echo", new Echo());
    }

    /** Feeds {@code bytes} in chunks chosen by {@code seed} (0: all at once); throws AssertionError on a finding. */
    void feed(byte[] bytes, int seed) throws Exception {
        // a fresh allocator per input, so its counts are this input's alone
        UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(true, false);
        ServerState state = new ServerState(registry, Runnable::run, MAX_CONCURRENT, 10,
                new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE), Long.MAX_VALUE, 0, null);
        CheckedServerCodec checked = new CheckedServerCodec(codec.newServerCodec(LIMIT));
        EmbeddedChannel ch = new EmbeddedChannel(false, false, new ServerHandler(checked, state));
        ch.config().setAllocator(alloc);
        ch.register();
        SplittableRandom random = new SplittableRandom(seed);
        for (int offset = 0; offset < bytes.length && ch.isOpen(); ) {
            int n = seed == 0 ? bytes.length : Math.min(bytes.length - offset, 1 + random.nextInt(32));
            ByteBuf chunk = alloc.buffer(n).writeBytes(bytes, offset, n);
            offset += n;
            ch.writeInbound(chunk); // rethrows anything that reached the end of the pipeline
            ch.runPendingTasks(); // replies of requests that ran, which may resume decoding
            drainReplies(ch);
        }
        ch.close();
        ch.runPendingTasks();
        drainReplies(ch);
        ch.finishAndReleaseAll();
        if (checked.unexpected() != null) {
            throw new AssertionError("the codec threw an exception its contract does not allow", checked.unexpected());
        }
        if (state.connections() != 0 || state.inFlight() != 0) {
            throw new AssertionError("after close: " + state.connections() + " connections counted, "
                    + state.inFlight() + " requests in flight");
        }
        ByteBufAllocatorMetric m = alloc.metric();
        if (m.usedHeapMemory() != 0 || m.usedDirectMemory() != 0) {
            throw new AssertionError((m.usedHeapMemory() + m.usedDirectMemory()) + " bytes of buffers never released");
        }
    }

    private static void drainReplies(EmbeddedChannel ch) {
        for (Object out = ch.readOutbound(); out != null; out = ch.readOutbound()) {
            ReferenceCountUtil.release(out);
        }
    }
}
