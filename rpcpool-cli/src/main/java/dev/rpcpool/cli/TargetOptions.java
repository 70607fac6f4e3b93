package dev.rpcpool.cli;

import dev.rpcpool.RpcClientPool;
import dev.rpcpool.transport.TlsOptions;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options naming a server and how to speak to it, shared by {@code call} and {@code bench}. */
final class TargetOptions {
    @Option(names = "--addr", required = true, paramLabel = "HOST:PORT", description = "Server address.")
    String addr;

    @Option(names = "--codec", defaultValue = "gob", paramLabel = "gob|json",
            description = "Wire codec: gob (Go's default) or json (net/rpc/jsonrpc). Default: ${DEFAULT-VALUE}.")
    CodecChoice codec;

    @Option(names = "--http", description = "Connect with Go's HTTP CONNECT handshake (rpc.HandleHTTP servers).")
    boolean http;

    @Option(names = "--timeout", defaultValue = "5s", paramLabel = "DURATION",
            description = "Deadline of each call, e.g. 500ms, 5s. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--server-idle-timeout", paramLabel = "DURATION", description = {"Idle timeout of the server "
            + "(or of the load balancer in front of it), e.g. 60s: connections quiet for longer than this less "
            + "min(half, 1s) are not reused. Default: off."})
    Duration serverIdleTimeout;

    @Option(names = "--tls", description = {"Connect with TLS. The server's certificate must be issued by a "
            + "trusted CA (--ca, else the JDK's default CAs) and name the host of --addr."})
    boolean tls;

    @Option(names = "--ca", paramLabel = "FILE", description = "PEM file of the CA certificate(s) to trust for the "
            + "server's certificate, instead of the JDK's default CAs. Implies --tls.")
    Path ca;

    @Option(names = "--cert", paramLabel = "FILE", description = "PEM certificate (chain) to present to servers that "
            + "require client certificates (mutual TLS); needs --key. Implies --tls.")
    Path cert;

    @Option(names = "--key", paramLabel = "FILE", description = "Unencrypted PKCS#8 PEM private key of --cert "
            + "(-----BEGIN PRIVATE KEY-----).")
    Path key;

    /**
     * TLS settings from the flags, or {@code null} for plaintext.
     *
     * @throws IllegalArgumentException naming the flag or file that is wrong
     */
    TlsOptions tlsOptions() {
        return TlsFlags.client(tls, ca, cert, key);
    }

    /** A pool builder for this target with these options applied. */
    RpcClientPool.Builder poolBuilder() {
        RpcClientPool.Builder b = RpcClientPool.builder(addr).codec(codec.codec()).callTimeout(timeout)
                .connectTimeout(timeout).tls(tlsOptions());
        if (serverIdleTimeout != null) {
            b.serverIdleTimeout(serverIdleTimeout);
        }
        return http ? b.http() : b;
    }
}
