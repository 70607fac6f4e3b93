package dev.rpcpool.bench.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Keeps the codec benchmark from rotting: each codec and payload round-trips (setup checks that),
 * a few measured operations return the value sent, and the "1 KiB" payload really is about 1 KiB.
 */
class CodecBenchmarkSmokeTest {

    @ParameterizedTest
    @CsvSource({"gob, args", "gob, 1kib", "jsonrpc, args", "jsonrpc, 1kib"})
    void callRoundTripsTheValue(String codec, String payload) {
        CodecBenchmark bench = new CodecBenchmark();
        bench.codec = codec;
        bench.payload = payload;
        bench.open();
        try {
            Object expected = payload.equals("args") ? Payloads.args() : Payloads.item();
            for (int i = 0; i < 100; i++) {
                assertThat(bench.call()).isEqualTo(expected);
            }
            int bytes = bench.requestBytes();
            System.out.printf("%s %s request: %d bytes%n", codec, payload, bytes);
            if (payload.equals("1kib")) {
                assertThat(bytes).isBetween(900, 1500);
            }
        } finally {
            bench.close();
        }
    }
}
