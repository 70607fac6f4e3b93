package dev.rpcpool.codec.gob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcpool.codec.ClientCodec;
import dev.rpcpool.codec.RequestHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Many connections encoding a class for the first time at once (each on its own I/O thread) must
 * never see a half-analysed mapping. Each repetition uses classes no one has encoded before.
 */
class GobConcurrentFirstUseTest {
    public record Leaf(long id, String name, List<Long> values) {}

    public record Node(long id, Leaf leaf, List<Node> children) {}

    @RepeatedTest(3)
    void firstUseFromManyThreadsAtOnceNeverSeesAHalfBuiltMapping() throws Exception {
        // a fresh class per repetition: a hidden subclass would do, but a fresh loader is simpler
        Class<?> nodeClass = new IsolatingLoader().loadClass(Node.class.getName());
        Class<?> leafClass = nodeClass.getClassLoader().loadClass(Leaf.class.getName());
        Object leaf = leafClass.getDeclaredConstructors()[0].newInstance(1L, "leaf", List.of(1L, 2L));
        Object node = nodeClass.getDeclaredConstructors()[0].newInstance(7L, leaf, List.of());

        int threads = 16;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> all = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int seq = i;
            all.add(new Thread(() -> {
                ClientCodec codec = GobCodec.create().newClientCodec(1 << 20);
                ByteBuf out = Unpooled.buffer();
                try {
                    start.await();
                    codec.writeRequest(new RequestHeader("Tree.Put", seq), node, out);
                } catch (Throwable t) {
                    failures.add(t);
                } finally {
                    out.release();
                }
            }));
        }
        all.forEach(Thread::start);
        for (Thread t : all) {
            t.join();
        }
        assertThat(failures).isEmpty();
    }

    /** Loads this test's records afresh, so each repetition is a first use. */
    private static final class IsolatingLoader extends ClassLoader {
        IsolatingLoader() {
            super(GobConcurrentFirstUseTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            String outer = GobConcurrentFirstUseTest.class.getName();
            if (!name.equals(outer) && !name.startsWith(outer + "$")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    String path = name.replace('.', '/') + ".class";
                    try (var in = getParent().getResourceAsStream(path)) {
                        byte[] bytes = in.readAllBytes();
                        c = defineClass(name, bytes, 0, bytes.length);
                    } catch (java.io.IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return c;
            }
        }
    }
}
