package dev.rpcpool.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcpool.demo.Args;
import dev.rpcpool.demo.Quotient;
import dev.rpcpool.rpc.RpcClient;
import dev.rpcpool.rpc.ServerErrorException;
import java.time.Duration;
import java.util.List;

/**
 * The checks of {@code goclient}, from Java: run against any server offering the demo services
 * (Go's goserver or rpcpool's {@code DemoServices}), they must pass the same way.
 */
public final class DemoServiceChecks {
    private static final Duration T = Duration.ofSeconds(20);

    private DemoServiceChecks() {}

    /** Every demo method answers as goserver's does over jsonrpc; the connection stays active. */
    public static void everyMethodAnswersLikeGo(RpcClient c) {
        everyMethodAnswersLikeGo(c, false);
    }

    /**
     * As {@link #everyMethodAnswersLikeGo(RpcClient)}, for the gob codec when {@code gob}: gob never
     * transmits an empty slice, so Go's nil reply arrives as an empty list there, not as null.
     */
    public static void everyMethodAnswersLikeGo(RpcClient c, boolean gob) {
        assertThat(c.call("Arith.Multiply", new Args(7, 8), Integer.class, T)).isEqualTo(56);
        assertThat(c.call("Arith.Divide", new Args(17, 5), Quotient.class, T)).isEqualTo(new Quotient(3, 2));
        assertThat(c.call("Echo.Echo", "héllo, 世界", String.class, T)).isEqualTo("héllo, 世界");
        byte[] blob = new byte[1024];
        for (int i = 0; i < blob.length; i++) {
            blob[i] = (byte) (i * 7);
        }
        assertThat(c.call("Echo.Bytes", blob, byte[].class, T)).isEqualTo(blob);
        if (gob) {
            assertThat(c.call("Echo.Nil", 1, List.class, T)).isEmpty();
        } else {
            // result:null,error:null is a valid empty reply (Go's own client would kill the connection)
            assertThat(c.call("Echo.Nil", 1, List.class, T)).isNull();
        }
        assertThat(c.call("Sleep.Millis", 2, Integer.class, T)).isEqualTo(2);
        assertThat(c.isActive()).isTrue();
    }

    /** Method errors and dispatch errors carry Go's exact texts, and the connection stays usable. */
    public static void serverErrorsCarryGoTextsAndKeepTheConnection(RpcClient c) {
        assertThatThrownBy(() -> c.call("Arith.Divide", new Args(1, 0), Quotient.class, T))
                .isInstanceOf(ServerErrorException.class).hasMessage("divide by zero");
        assertThatThrownBy(() -> c.call("Nope.Multiply", new Args(1, 2), Integer.class, T))
                .isInstanceOf(ServerErrorException.class).hasMessage("rpc: can't find service Nope.Multiply");
        assertThatThrownBy(() -> c.call("Arith.Nope", new Args(1, 2), Integer.class, T))
                .isInstanceOf(ServerErrorException.class).hasMessage("rpc: can't find method Arith.Nope");
        assertThatThrownBy(() -> c.call("NoDot", new Args(1, 2), Integer.class, T))
                .isInstanceOf(ServerErrorException.class).hasMessage("rpc: service/method request ill-formed: NoDot");
        assertThat(c.isActive()).isTrue();
        assertThat(c.call("Arith.Multiply", new Args(3, 4), Integer.class, T)).isEqualTo(12);
    }
}
