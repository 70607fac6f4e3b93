package dev.rpcpool.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.rpc.RpcClientOptions;
import dev.rpcpool.rpc.RpcServerOptions;
import dev.rpcpool.testing.TestCertificates;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad TLS settings fail when built, with a message naming the file or setting and the fix. */
class TlsOptionsTest {
    @TempDir
    static Path dir;
    static Path pem;
    static Path other;

    @BeforeAll
    static void certificates() {
        pem = TestCertificates.generate("a").writePem(dir.resolve("a"));
        other = TestCertificates.generate("b").writePem(dir.resolve("b"));
    }

    @Test
    void aMissingCaFileIsNamed() {
        Path missing = dir.resolve("nope/ca.pem");
        assertThatThrownBy(() -> TlsOptions.builder().trustCertificates(missing).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot read CA file " + missing + ": no such file");
    }

    @Test
    void aCaFileWithoutCertificatesIsNamed() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "hello\n");
        assertThatThrownBy(() -> TlsOptions.builder().trustCertificates(junk).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot read CA file " + junk + ":");
    }

    @Test
    void swappedCertificateAndKeyAreCalledOut() {
        assertThatThrownBy(() -> TlsOptions.builder().keyCertChain(pem.resolve("server.key"), pem.resolve("server.pem")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("certificate file " + pem.resolve("server.key"));
        assertThatThrownBy(() -> TlsOptions.builder().keyCertChain(pem.resolve("server.pem"), pem.resolve("server.pem")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key file " + pem.resolve("server.pem"))
                .hasMessageContaining("are --cert and --key swapped?");
    }

    @Test
    void aPkcs1KeyIsRejectedWithTheConversionCommand() throws Exception {
        Path rsa = Files.writeString(dir.resolve("rsa.key"),
                "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> TlsOptions.builder().keyCertChain(pem.resolve("server.pem"), rsa).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt -in " + rsa);
    }

    @Test
    void aKeyOfAnotherCertificateIsRejected() {
        assertThatThrownBy(() -> TlsOptions.builder().keyCertChain(pem.resolve("server.pem"), other.resolve("server.key")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key file " + other.resolve("server.key") + " does not belong to the certificate in "
                        + pem.resolve("server.pem"));
    }

    @Test
    void anUnknownProtocolIsNamed() {
        assertThatThrownBy(() -> TlsOptions.builder().protocols("TLSv1.9").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'TLSv1.9' is not a TLS version this JDK supports")
                .hasMessageContaining("TLSv1.3");
    }

    @Test
    void aServerNeedsACertificateAndKey() {
        assertThatThrownBy(() -> RpcServerOptions.builder(GobCodec.create()).tls(TlsOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a server needs its certificate and key")
                .hasMessageContaining("--cert and --key");
    }

    @Test
    void serverTrustWithoutClientCertificatesIsAMistake() {
        TlsOptions tls = TlsOptions.builder().keyCertChain(pem.resolve("server.pem"), pem.resolve("server.key"))
                .trustCertificates(pem.resolve("ca.pem")).build();
        assertThatThrownBy(() -> RpcServerOptions.builder(GobCodec.create()).tls(tls))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("requireClientCertificates()");
    }

    @Test
    void roleSettingsOnTheWrongSideAreRejected() {
        TlsOptions serverOnly = TlsOptions.builder().keyCertChain(pem.resolve("server.pem"), pem.resolve("server.key"))
                .requireClientCertificates().build();
        assertThatThrownBy(() -> RpcClientOptions.builder(GobCodec.create()).tls(serverOnly))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("requireClientCertificates is a server setting");
        TlsOptions clientOnly = TlsOptions.builder().keyCertChain(pem.resolve("server.pem"), pem.resolve("server.key"))
                .unsafeDisableHostnameVerification().build();
        assertThatThrownBy(() -> RpcServerOptions.builder(GobCodec.create()).tls(clientOnly))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsafeDisableHostnameVerification is a client setting");
    }

    @Test
    void aReadySslContextIsUsedAsIsButNotMixedWithFiles() throws Exception {
        var ctx = SslContextBuilder.forClient().build();
        TlsOptions tls = TlsOptions.builder().sslContext(ctx).build();
        assertThat(tls.clientContext()).isSameAs(ctx);
        assertThat(tls.hostnameVerification()).isTrue();
        assertThatThrownBy(() -> RpcServerOptions.builder(GobCodec.create()).tls(tls))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a server needs one from SslContextBuilder.forServer");
        assertThatThrownBy(() -> TlsOptions.builder().sslContext(ctx).trustCertificates(pem.resolve("ca.pem")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("do not combine it");
    }

    @Test
    void defaultsAreSafe() {
        TlsOptions tls = TlsOptions.defaults();
        assertThat(tls.hostnameVerification()).isTrue();
        assertThat(tls.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(tls.presentsCertificate()).isFalse();
        assertThat(RpcClientOptions.builder(GobCodec.create()).tls(tls).build().tls()).isSameAs(tls);
    }
}
