package dev.rpcpool.transport.internal;

import io.netty.handler.ssl.util.SimpleTrustManagerFactory;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's own PKIX trust manager (path validation and, when the engine asks for it, hostname
 * verification), unchanged in what it accepts; only its failures are rethrown with a message a
 * person can act on: which certificate (subject, issuer, names), what is wrong with it (untrusted
 * issuer, expired, wrong name), and what to configure. The JDK's own text stays in the message
 * and as the cause. Internal; thread-safe (stateless over a thread-safe delegate).
 */
final class ExplainingTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager delegate;

    private ExplainingTrustManager(X509ExtendedTrustManager delegate) {
        this.delegate = delegate;
    }

    /**
     * A factory handing out one explaining trust manager over {@code trusted}, or over the JDK's
     * default trust store (the {@code cacerts} file) when {@code trusted} is empty.
     */
    static TrustManagerFactory factory(List<X509Certificate> trusted) throws Exception {
        KeyStore store = null;
        if (!trusted.isEmpty()) {
            store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < trusted.size(); i++) {
                store.setCertificateEntry("ca-" + i, trusted.get(i));
            }
        }
        TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        jdk.init(store);
        X509ExtendedTrustManager delegate = null;
        for (TrustManager tm : jdk.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                delegate = x;
            }
        }
        if (delegate == null) {
            throw new IllegalStateException("the JDK offers no X509ExtendedTrustManager");
        }
        TrustManager[] managers = {new ExplainingTrustManager(delegate)};
        return new SimpleTrustManagerFactory() {
            @Override
            protected void engineInit(KeyStore keyStore) {}

            @Override
            protected void engineInit(ManagerFactoryParameters params) {}

            @Override
            protected TrustManager[] engineGetTrustManagers() {
                return managers.clone();
            }
        };
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check("server", chain, engine == null ? null : engine.getPeerHost(),
                () -> delegate.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check("client", chain, null, () -> delegate.checkClientTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check("server", chain, null, () -> delegate.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check("client", chain, null, () -> delegate.checkClientTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check("server", chain, null, () -> delegate.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check("client", chain, null, () -> delegate.checkClientTrusted(chain, authType));
    }

    /** One of the delegate's checks. */
    private interface Check {
        void run() throws CertificateException;
    }

    private static void check(String whose, X509Certificate[] chain, String host, Check check) throws CertificateException {
        try {
            check.run();
        } catch (CertificateException e) {
            throw explain(whose, chain, host, e);
        }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }

    /** Rewrites the JDK's failure; {@code whose} is "server" or "client", {@code host} the name dialled. */
    static CertificateException explain(String whose, X509Certificate[] chain, String host, CertificateException e) {
        if (chain == null || chain.length == 0) {
            return new CertificateException(whose + " sent no certificate: " + e.getMessage(), e);
        }
        X509Certificate leaf = chain[0];
        String subject = leaf.getSubjectX500Principal().getName();
        String issuer = leaf.getIssuerX500Principal().getName();
        String jdk = e.getMessage();
        Date now = new Date();
        String message;
        if (jdk != null && (jdk.startsWith("No subject alternative") || jdk.startsWith("No name matching"))) {
            message = whose + " certificate '" + subject + "' (names: " + names(leaf) + ") does not match '" + host
                    + "', the host connected to (" + jdk + "); connect with a name the certificate lists,"
                    + " or give the server a certificate for this name";
        } else if (now.after(leaf.getNotAfter())) {
            message = whose + " certificate '" + subject + "' expired on " + leaf.getNotAfter().toInstant()
                    + " (" + jdk + "); renew it";
        } else if (now.before(leaf.getNotBefore())) {
            message = whose + " certificate '" + subject + "' is not valid before " + leaf.getNotBefore().toInstant()
                    + " (" + jdk + "); check the clocks";
        } else if (whose.equals("server")) {
            message = "server certificate '" + subject + "' issued by '" + issuer + "' is not trusted (" + jdk
                    + "); trust the CA that issued it (TlsOptions.Builder.trustCertificates, CLI --ca FILE)";
        } else {
            message = "client certificate '" + subject + "' issued by '" + issuer + "' is not trusted (" + jdk
                    + "); the server trusts only the CAs given to it (TlsOptions.Builder.trustCertificates, CLI serve --ca)";
        }
        return new CertificateException(message, e);
    }

    private static String names(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    Object type = san.get(0);
                    if (Integer.valueOf(2).equals(type) || Integer.valueOf(7).equals(type)) { // dNSName, iPAddress
                        names.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException ignored) {
            // fall through: no names we can show
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
