package dev.rpcpool.cli;

import dev.rpcpool.rpc.SyncWait;

/** The {@code --sync-wait} choices, spelled as typed on the command line. */
enum SyncWaitChoice {
    park(SyncWait.PARK), adaptive(SyncWait.ADAPTIVE), spin(SyncWait.SPIN);

    private final SyncWait syncWait;

    SyncWaitChoice(SyncWait syncWait) {
        this.syncWait = syncWait;
    }

    SyncWait syncWait() {
        return syncWait;
    }
}
