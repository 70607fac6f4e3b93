package dev.rpcpool.rpc.internal;

import java.util.concurrent.Executor;

/**
 * Runs each task on the calling thread (an I/O thread, where rpcpool uses it). One known instance,
 * so that code handing work to an executor can recognise it and call directly, without allocating
 * the task. Internal.
 *
 * <p>Thread-safety: stateless.
 */
public enum DirectExecutor implements Executor {
    INSTANCE;

    @Override
    public void execute(Runnable task) {
        task.run();
    }
}
