package dev.rpcpool.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Throw-away certificates made at test time: a certificate authority, and server and client
 * certificates it signs. The server certificate names {@code localhost} and {@code 127.0.0.1}, so
 * hostname verification passes on loopback. Keys are EC P-256 (fast to generate).
 *
 * <p>Thread-safety: immutable after construction.
 */
public final class TestCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One certificate and its private key. */
    public record Issued(X509Certificate certificate, PrivateKey key) {}

    private final Issued ca;
    private final Issued server;
    private final Issued client;

    private TestCertificates(String name, String... serverNames) {
        try {
            KeyPair caKeys = newKeyPair();
            X500Name caName = new X500Name("CN=rpcpool test CA " + name);
            this.ca = new Issued(sign(caName, caName, caKeys, caKeys.getPrivate(), true, null, null), caKeys.getPrivate());
            KeyPair serverKeys = newKeyPair();
            GeneralName[] names = new GeneralName[serverNames.length];
            for (int i = 0; i < names.length; i++) {
                boolean ip = serverNames[i].matches("[0-9.]+|.*:.*");
                names[i] = new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, serverNames[i]);
            }
            GeneralNames san = new GeneralNames(names);
            this.server = new Issued(sign(new X500Name("CN=" + serverNames[0]), caName, serverKeys, caKeys.getPrivate(),
                    false, san, KeyPurposeId.id_kp_serverAuth), serverKeys.getPrivate());
            KeyPair clientKeys = newKeyPair();
            this.client = new Issued(sign(new X500Name("CN=rpcpool test client"), caName, clientKeys,
                    caKeys.getPrivate(), false, null, KeyPurposeId.id_kp_clientAuth), clientKeys.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot generate test certificates", e);
        }
    }

    /** A new, independent CA with its server (for localhost and 127.0.0.1) and client certificates. */
    public static TestCertificates generate(String name) {
        return new TestCertificates(name, "localhost", "127.0.0.1");
    }

    /** Like {@link #generate(String)}, but the server certificate names only {@code serverNames} (DNS names or IPs). */
    public static TestCertificates generate(String name, String... serverNames) {
        return new TestCertificates(name, serverNames);
    }

    public Issued ca() {
        return ca;
    }

    public Issued server() {
        return server;
    }

    public Issued client() {
        return client;
    }

    /**
     * Writes PEM files into {@code dir}: {@code ca.pem}, {@code server.pem}, {@code server.key},
     * {@code client.pem}, {@code client.key} (keys as unencrypted PKCS#8), as the CLI's
     * {@code --ca/--cert/--key} flags take them.
     */
    public Path writePem(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("ca.pem"), pem(ca.certificate()), StandardCharsets.US_ASCII);
            Files.writeString(dir.resolve("server.pem"), pem(server.certificate()), StandardCharsets.US_ASCII);
            Files.writeString(dir.resolve("server.key"), pemKey(server.key()), StandardCharsets.US_ASCII);
            Files.writeString(dir.resolve("client.pem"), pem(client.certificate()), StandardCharsets.US_ASCII);
            Files.writeString(dir.resolve("client.key"), pemKey(client.key()), StandardCharsets.US_ASCII);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return g.generateKeyPair();
    }

    private static X509Certificate sign(X500Name subject, X500Name issuer, KeyPair subjectKeys, PrivateKey issuerKey,
            boolean isCa, GeneralNames san, KeyPurposeId purpose)
            throws IOException, OperatorCreationException, GeneralSecurityException {
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))),
                subject, subjectKeys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (isCa) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        }
        if (san != null) {
            b.addExtension(Extension.subjectAlternativeName, false, san);
        }
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey);
        return new JcaX509CertificateConverter().getCertificate(b.build(signer));
    }

    private static String pem(Object o) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        }
        return out.toString();
    }

    private static String pemKey(PrivateKey key) throws IOException {
        return pem(new JcaPKCS8Generator(key, null));
    }
}
