package dev.rpcpool.transport.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads PEM certificates and unencrypted PKCS#8 private keys, failing with an
 * {@link IllegalArgumentException} that names the file, what it was for, and how to fix it.
 * Internal; stateless.
 */
public final class PemFiles {
    private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PKCS8_END = "-----END PRIVATE KEY-----";
    /** Algorithms a PKCS#8 key may use; tried in order (the encoding does not name them in a way the JDK parses). */
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS"};

    private PemFiles() {}

    /**
     * All certificates in a PEM file (a CA bundle or a certificate chain, leaf first).
     *
     * @param role what the file is for, as a person says it ("CA file", "certificate file")
     * @throws IllegalArgumentException if it cannot be read or holds no certificate
     */
    public static List<X509Certificate> certificates(String role, Path file) {
        byte[] bytes = read(role, file);
        List<X509Certificate> certs = new ArrayList<>();
        try {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes))) {
                certs.add((X509Certificate) c);
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException("cannot read " + role + " " + file + ": not a PEM certificate ("
                    + e.getMessage() + ")", e);
        }
        if (certs.isEmpty()) {
            throw new IllegalArgumentException("cannot read " + role + " " + file
                    + ": no certificate in it (expected -----BEGIN CERTIFICATE-----)");
        }
        return List.copyOf(certs);
    }

    /**
     * The unencrypted PKCS#8 private key in a PEM file.
     *
     * @throws IllegalArgumentException if it cannot be read, is in another format (the message says
     *     how to convert it), or uses an algorithm the JDK does not know
     */
    public static PrivateKey privateKey(Path file) {
        String text = new String(read("key file", file), StandardCharsets.US_ASCII);
        int begin = text.indexOf(PKCS8_BEGIN);
        int end = text.indexOf(PKCS8_END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("cannot read key file " + file + ": " + wrongKeyFormat(text, file));
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(begin + PKCS8_BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read key file " + file + ": bad base64 (" + e.getMessage() + ")", e);
        }
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException wrongAlgorithm) {
                // try the next one
            }
        }
        throw new IllegalArgumentException("cannot read key file " + file
                + ": not an RSA, EC or EdDSA PKCS#8 key this JDK can load");
    }

    /**
     * Checks that {@code key} belongs to {@code certificate} by signing a probe with one and
     * verifying with the other: a mismatch would otherwise only show as a failed handshake.
     *
     * @throws IllegalArgumentException naming both files if they do not belong together
     */
    public static void checkPair(X509Certificate certificate, PrivateKey key, Path certFile, Path keyFile) {
        PublicKey pub = certificate.getPublicKey();
        if (!pub.getAlgorithm().equals(key.getAlgorithm())
                && !(isEdDsa(pub.getAlgorithm()) && isEdDsa(key.getAlgorithm()))) {
            throw mismatch(certFile, keyFile, pub.getAlgorithm() + " certificate, " + key.getAlgorithm() + " key");
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> null; // unusual algorithm: the handshake will tell
        };
        if (algorithm == null) {
            return;
        }
        try {
            byte[] probe = "rpcpool key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(pub);
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw mismatch(certFile, keyFile, "the key does not sign for the certificate's public key");
            }
        } catch (GeneralSecurityException e) {
            throw mismatch(certFile, keyFile, e.getMessage());
        }
    }

    private static boolean isEdDsa(String algorithm) {
        return algorithm.equals("EdDSA") || algorithm.startsWith("Ed");
    }

    private static IllegalArgumentException mismatch(Path certFile, Path keyFile, String detail) {
        return new IllegalArgumentException("key file " + keyFile + " does not belong to the certificate in " + certFile
                + " (" + detail + "); pass the key the certificate was issued for");
    }

    private static String wrongKeyFormat(String text, Path file) {
        if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            return "the key is encrypted; decrypt it: openssl pkcs8 -in " + file + " -nocrypt -out key.pem";
        }
        if (text.contains("-----BEGIN RSA PRIVATE KEY-----") || text.contains("-----BEGIN EC PRIVATE KEY-----")) {
            return "the key is in the older PKCS#1/SEC1 format; convert it to PKCS#8: openssl pkcs8 -topk8 -nocrypt -in "
                    + file + " -out key.pem";
        }
        if (text.contains("-----BEGIN CERTIFICATE-----")) {
            return "it holds a certificate, not a private key (are --cert and --key swapped?)";
        }
        return "no PKCS#8 private key in it (expected -----BEGIN PRIVATE KEY-----)";
    }

    private static byte[] read(String role, Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read " + role + " " + file + ": no such file", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + role + " " + file + ": " + e, e);
        }
    }
}
