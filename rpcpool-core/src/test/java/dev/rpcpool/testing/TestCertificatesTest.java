package dev.rpcpool.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SignatureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCertificatesTest {

    @Test
    void serverAndClientCertificatesAreSignedByTheirOwnCaOnly(@TempDir Path dir) throws Exception {
        TestCertificates a = TestCertificates.generate("a");
        TestCertificates b = TestCertificates.generate("b");
        a.server().certificate().verify(a.ca().certificate().getPublicKey());
        a.client().certificate().verify(a.ca().certificate().getPublicKey());
        assertThatThrownBy(() -> a.server().certificate().verify(b.ca().certificate().getPublicKey()))
                .isInstanceOf(SignatureException.class);
        assertThat(a.server().certificate().getSubjectAlternativeNames()).hasSize(2);

        a.writePem(dir);
        assertThat(Files.readString(dir.resolve("server.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(dir.resolve("ca.pem"))).startsWith("-----BEGIN CERTIFICATE-----");
    }
}
