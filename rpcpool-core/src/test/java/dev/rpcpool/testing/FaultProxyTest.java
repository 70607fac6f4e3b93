package dev.rpcpool.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy's faults do what tests built on them assume, against a plain echo server. */
class FaultProxyTest {
    private ServerSocket echo;
    private FaultProxy proxy;

    @BeforeEach
    void startEchoAndProxy() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread h = new Thread(() -> {
                        try (s) {
                            s.getInputStream().transferTo(s.getOutputStream());
                        } catch (IOException ignored) {
                            // peer went away
                        }
                    });
                    h.setDaemon(true);
                    h.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        proxy = new FaultProxy((InetSocketAddress) echo.getLocalSocketAddress());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    private Socket dial() throws IOException {
        Socket s = new Socket();
        s.connect(proxy.address(), 2_000);
        s.setSoTimeout(2_000);
        return s;
    }

    /**
     * Dials the proxy; a dial to a port nobody listens on can, rarely, connect the socket to
     * itself (the kernel picked that same port as its source): that is not the proxy answering.
     */
    private Socket dialSkippingSelfConnects() throws IOException {
        for (int i = 0; i < 5; i++) {
            Socket s = dial();
            if (s.getLocalPort() != s.getPort()) {
                return s;
            }
            s.close();
        }
        throw new AssertionError("only self-connects");
    }

    private static String roundTrip(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes());
        byte[] buf = s.getInputStream().readNBytes(text.length());
        return new String(buf);
    }

    @Test
    void forwardsBothWaysAndCountsConnections() throws IOException {
        try (Socket a = dial(); Socket b = dial()) {
            assertThat(roundTrip(a, "hello")).isEqualTo("hello");
            assertThat(roundTrip(b, "world")).isEqualTo("world");
        }
        assertThat(proxy.acceptedConnections()).isEqualTo(2);
    }

    @Test
    void latencyDelaysEachDirection() throws IOException {
        proxy.latency(Duration.ofMillis(100));
        try (Socket s = dial()) {
            long t0 = System.nanoTime();
            assertThat(roundTrip(s, "x")).isEqualTo("x");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
        }
    }

    @Test
    void blackholeSwallowsTrafficWithoutClosing() throws IOException {
        try (Socket s = dial()) {
            proxy.blackhole(true);
            s.getOutputStream().write(1);
            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            proxy.blackhole(false);
            assertThat(roundTrip(s, "y")).isEqualTo("y");
        }
    }

    @Test
    void resetAllMakesTheClientSeeAnError() throws IOException {
        try (Socket s = dial()) {
            assertThat(roundTrip(s, "z")).isEqualTo("z");
            proxy.resetAll();
            assertThatThrownBy(() -> {
                for (int i = 0; i < 100; i++) {
                    s.getOutputStream().write(new byte[1024]);
                    if (s.getInputStream().read() < 0) {
                        throw new IOException("EOF");
                    }
                }
            }).isInstanceOf(IOException.class);
        }
    }

    @Test
    void halfOpenKeepsTheClientSocketOpenButSilent() throws IOException {
        try (Socket s = dial()) {
            assertThat(roundTrip(s, "a")).isEqualTo("a");
            proxy.halfOpenAll();
            s.getOutputStream().write(2);
            InputStream in = s.getInputStream();
            assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class); // no FIN, no RST, no data
        }
    }

    @Test
    void closeAllSendsAnOrderlyEof() throws IOException {
        try (Socket s = dial()) {
            assertThat(roundTrip(s, "b")).isEqualTo("b");
            proxy.closeAll();
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void refuseNewThenAcceptAgainOnTheSamePort() throws IOException {
        proxy.refuseNew();
        assertThatThrownBy(this::dialSkippingSelfConnects).isInstanceOf(ConnectException.class);
        proxy.acceptAgain();
        try (Socket s = dial()) {
            assertThat(roundTrip(s, "c")).isEqualTo("c");
        }
    }
}
