package dev.rpcpool.cli;

import java.net.InetSocketAddress;

/** Parses {@code host:port} for listening addresses, with a message a person can act on. */
final class HostPort {
    private HostPort() {}

    static InetSocketAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        try {
            if (colon > 0) {
                int port = Integer.parseInt(text.substring(colon + 1));
                if (port >= 0 && port <= 65535) {
                    return new InetSocketAddress(text.substring(0, colon), port);
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + text + "' is not HOST:PORT (port 0-65535), e.g. 127.0.0.1:1234");
    }
}
