package dev.rpcpool.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fault-injecting TCP proxy for tests, in the spirit of Toxiproxy: it forwards loopback
 * connections to a target and, on command, adds latency, limits bandwidth, resets connections,
 * swallows traffic (blackhole), goes silent with sockets left open (half-open), or refuses new
 * connections. It counts connection attempts so tests can bound reconnect storms.
 *
 * <p>Blocking I/O with two daemon threads per proxied connection: simple and exact, fine at test
 * scale. Thread-safety: every method may be called from any thread while traffic flows.
 */
public final class FaultProxy implements AutoCloseable {
    private static final int CHUNK = 16 * 1024;
    /**
     * The thread reading a client wakes this often to serve {@link #closeIdle} requests: the idle
     * decision is made by the only reader of the socket, as a server's read deadline is, so a
     * request is either read (and forwarded) or left unread (and the close resets it), never read
     * and then dropped.
     */
    private static final int IDLE_POLL_MILLIS = 5;

    private final InetSocketAddress target;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final int port;
    private volatile ServerSocket listener;
    private volatile Thread acceptor;
    private volatile boolean closed;

    private volatile long latencyMillis;
    private volatile long bytesPerSecond; // 0 = unlimited
    private volatile boolean blackhole;

    /** Starts a proxy on a free loopback port forwarding to {@code target}. */
    public FaultProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listener = bind(0);
        this.port = listener.getLocalPort();
        startAccepting(listener);
    }

    /** The address clients should dial. */
    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** Connections accepted so far (each is one connect attempt by a client). */
    public int acceptedConnections() {
        return accepted.get();
    }

    /** Connections currently proxied. */
    public int openConnections() {
        return links.size();
    }

    /** Delays every chunk forwarded in either direction by {@code latency}. */
    public void latency(Duration latency) {
        this.latencyMillis = latency.toMillis();
    }

    /** Limits each direction of each connection to {@code bytesPerSecond}; 0 lifts the limit. */
    public void bandwidth(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    /**
     * While on, new and existing connections stay open but nothing is forwarded either way: bytes
     * are read and dropped, as by a peer that accepted and then never answers.
     */
    public void blackhole(boolean on) {
        this.blackhole = on;
    }

    /** Resets (RST) every proxied connection at once, as a crashed server's kernel would. */
    public void resetAll() {
        for (Link link : links) {
            link.reset();
        }
    }

    /**
     * Half-open: the server side silently vanishes for existing connections: the client's socket
     * stays open, its writes are swallowed, and no FIN or RST ever arrives. New connections work.
     */
    public void halfOpenAll() {
        for (Link link : links) {
            link.goSilent();
        }
    }

    /**
     * Closes (FIN) every proxied connection that has been idle for at least {@code idle}, as a Go
     * server with an idle timeout, or a load balancer, does. Idle means: no byte either way, none
     * read and not yet passed on or waiting unread, and the last bytes were the server's (a request
     * awaiting its reply is not idle). Each connection decides on the thread reading its client,
     * between reads, so this waits up to a few milliseconds. A proxy cannot tell a request waiting
     * behind another call's reply on a shared connection; tests that need that exactness close only
     * while no call is outstanding.
     *
     * @return how many it closed
     */
    public int closeIdle(Duration idle) {
        long cutoff = System.nanoTime() - idle.toNanos();
        List<CompletableFuture<Boolean>> decisions = new ArrayList<>();
        for (Link link : links) {
            decisions.add(link.requestIdleClose(cutoff));
        }
        int closed = 0;
        for (CompletableFuture<Boolean> decision : decisions) {
            try {
                if (decision.get(5, TimeUnit.SECONDS)) {
                    closed++;
                }
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("a proxied connection did not answer an idle-close request", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return closed;
            }
        }
        return closed;
    }

    /** Closes every proxied connection gracefully (FIN), as a server closing idle connections does. */
    public void closeAll() {
        for (Link link : links) {
            link.close();
        }
    }

    /**
     * Stops listening, so new connections are refused by the kernel; existing ones are untouched.
     * {@link #acceptAgain()} listens again on the same port.
     */
    public void refuseNew() throws IOException {
        ServerSocket l = listener;
        if (l != null) {
            listener = null;
            l.close();
            // the JDK defers the real close of a socket another thread is blocked accepting on until
            // that thread wakes; until then the kernel still completes handshakes on the port
            try {
                acceptor.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Listens again on the same port after {@link #refuseNew()}. */
    public void acceptAgain() throws IOException {
        if (listener == null && !closed) {
            ServerSocket l = bind(port);
            listener = l;
            startAccepting(l);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            refuseNew();
        } catch (IOException ignored) {
            // closing: nothing to do
        }
        resetAll();
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        return s;
    }

    private void startAccepting(ServerSocket l) {
        Thread t = new Thread(() -> acceptLoop(l), "fault-proxy-accept-" + port);
        t.setDaemon(true);
        acceptor = t;
        t.start();
    }

    private void acceptLoop(ServerSocket l) {
        while (!l.isClosed()) {
            Socket client;
            try {
                client = l.accept();
            } catch (IOException e) {
                return; // listener closed
            }
            accepted.incrementAndGet();
            Socket server = new Socket();
            try {
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                server.connect(target, 5_000);
            } catch (IOException e) {
                closeQuietly(server);
                resetQuietly(client); // target down: the client sees its connection reset
                continue;
            }
            Link link = new Link(client, server);
            links.add(link);
            link.start();
        }
    }

    /** What an idle-close request finds on a link. */
    private enum Idleness { IDLE, BUSY, REPLY_IN_TRANSIT }

    /** One proxied connection: two pumps and the sockets they share. */
    private final class Link {
        private final Socket client;
        private final Socket server;
        private final AtomicInteger pumpsDone = new AtomicInteger();
        private volatile boolean silent;
        private long lastActivity = System.nanoTime(); // guarded by this
        private boolean closedAsIdle; // guarded by this
        private boolean lastFromServer = true; // guarded by this
        private int inTransit; // guarded by this: chunks read and not yet forwarded or dropped
        /** Idle-close requests for the client's reader, each with its cutoff. Guarded by this. */
        private final List<CompletableFuture<Boolean>> idleRequests = new ArrayList<>();
        private final List<Long> idleCutoffs = new ArrayList<>();
        private boolean pumpsEnded; // guarded by this

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void start() {
            pump(client, server, "up");
            pump(server, client, "down");
        }

        private void pump(Socket from, Socket to, String direction) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[CHUNK];
                try {
                    // streams are not closed here: closing a socket stream closes the socket,
                    // which would send a FIN that a half-open test must not see
                    InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream();
                    boolean fromClient = from == client;
                    if (fromClient) {
                        from.setSoTimeout(IDLE_POLL_MILLIS);
                    }
                    while (true) {
                        int n;
                        try {
                            n = in.read(buf);
                        } catch (SocketTimeoutException nothingYet) {
                            if (serveIdleRequests()) {
                                return; // closed as idle: the sockets are closed, nothing to pass on
                            }
                            continue;
                        }
                        if (n < 0) {
                            break;
                        }
                        if (!beginTransit(!fromClient)) {
                            break; // closed as idle meanwhile (by the other direction's reader)
                        }
                        try {
                            forward(out, buf, n);
                        } finally {
                            endTransit();
                        }
                    }
                    if (!silent) {
                        to.shutdownOutput(); // pass the FIN on
                    }
                } catch (IOException | InterruptedException e) {
                    if (!silent) {
                        reset();
                    }
                } finally {
                    if (pumpsDone.incrementAndGet() == 2) {
                        close();
                    }
                    if (from == client) {
                        endIdleRequests();
                    }
                }
            }, "fault-proxy-" + port + "-" + direction);
            t.setDaemon(true);
            t.start();
        }

        private void forward(OutputStream out, byte[] buf, int n) throws IOException, InterruptedException {
            if (silent || blackhole) {
                return; // read and drop: the peer never hears of it
            }
            long delay = latencyMillis;
            long rate = bytesPerSecond;
            if (rate > 0) {
                delay += n * 1000L / rate;
            }
            if (delay > 0) {
                Thread.sleep(delay);
            }
            if (silent || blackhole) {
                return;
            }
            out.write(buf, 0, n);
            out.flush();
        }

        /** Records bytes read and now in transit; false if the link was already closed as idle. */
        private synchronized boolean beginTransit(boolean fromServer) {
            if (closedAsIdle) {
                return false;
            }
            inTransit++;
            lastActivity = System.nanoTime();
            lastFromServer = fromServer;
            return true;
        }

        /** The bytes of {@link #beginTransit} were forwarded (or dropped). */
        private synchronized void endTransit() {
            inTransit--;
        }

        /** Asks the client's reader to close the link if idle since {@code cutoff}; completes with its answer. */
        synchronized CompletableFuture<Boolean> requestIdleClose(long cutoff) {
            CompletableFuture<Boolean> answer = new CompletableFuture<>();
            if (pumpsEnded || closedAsIdle) {
                answer.complete(false);
            } else {
                idleRequests.add(answer);
                idleCutoffs.add(cutoff);
            }
            return answer;
        }

        /**
         * On the client's reader, between reads: answers pending requests; true if it closed the
         * link. A request whose answer depends on a reply still being passed on stays pending.
         */
        private synchronized boolean serveIdleRequests() {
            boolean closed = false;
            for (int i = 0; i < idleRequests.size(); ) {
                Idleness idleness = closed ? Idleness.BUSY : idleSince(idleCutoffs.get(i));
                if (idleness == Idleness.REPLY_IN_TRANSIT) {
                    i++; // decided at a later poll, once the reply is through
                    continue;
                }
                if (idleness == Idleness.IDLE) {
                    closedAsIdle = true;
                    close();
                    closed = true;
                }
                idleRequests.remove(i).complete(idleness == Idleness.IDLE);
                idleCutoffs.remove(i);
            }
            return closed;
        }

        private synchronized void endIdleRequests() {
            pumpsEnded = true;
            idleRequests.forEach(r -> r.complete(false));
            idleRequests.clear();
            idleCutoffs.clear();
        }

        /** Decided on the client's reader, between reads, so no request is read and then dropped. */
        private Idleness idleSince(long cutoff) {
            // a request still waiting for its reply is not idle, however slow the server is
            if (closedAsIdle || !lastFromServer || lastActivity >= cutoff || unreadFromClient()) {
                return Idleness.BUSY;
            }
            // the reply that ended the last exchange was read before the cutoff and is still being
            // written to the client (the client may have it already): a server closes after its
            // reply is written, so the answer waits for that write
            return inTransit > 0 ? Idleness.REPLY_IN_TRANSIT : Idleness.IDLE;
        }

        /** Bytes the client sent that the pump has not read yet: a server would see them, so not idle. */
        private boolean unreadFromClient() {
            try {
                return client.getInputStream().available() > 0;
            } catch (IOException e) {
                return false; // closing anyway
            }
        }

        void goSilent() {
            silent = true;
            closeQuietly(server); // the server side is gone; the client is never told
        }

        void reset() {
            links.remove(this);
            resetQuietly(client);
            resetQuietly(server);
        }

        void close() {
            links.remove(this);
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    private static void resetQuietly(Socket s) {
        try {
            s.setSoLinger(true, 0); // close now sends RST instead of FIN
        } catch (SocketException ignored) {
            // already closed
        }
        closeQuietly(s);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // best effort
        }
    }
}
