package io.foresail.core.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LineBufferTest {

    private static String text(LineBuffer line) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        line.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void startTimeIsUtcWithMilliseconds() throws IOException {
        LineBuffer line = new LineBuffer(8);
        line.isoInstant(Instant.parse("2026-12-06T21:47:18.123Z").toEpochMilli()).ascii(' ')
                .isoInstant(0).ascii(' ').isoInstant(Instant.parse("2024-02-29T23:59:59.009Z").toEpochMilli());
        assertThat(text(line)).isEqualTo("2026-12-06T21:47:18.123Z 1970-01-01T00:00:00.000Z 2024-02-29T23:59:59.009Z");
    }

    @Test
    void decimalsIncludeZeroAndNegatives() throws IOException {
        LineBuffer line = new LineBuffer(8);
        line.decimal(0).ascii(' ').decimal(-42).ascii(' ').decimal(Long.MAX_VALUE);
        assertThat(text(line)).isEqualTo("0 -42 9223372036854775807");
    }

    @Test
    void configuredTextIsUtf8AndEmptyIsUnset() throws IOException {
        LineBuffer line = new LineBuffer(8);
        line.textConfigured("route-ü-\uD83D\uDE80").ascii(' ').textConfigured("").ascii(' ').jsonConfigured("ü\"")
                .ascii(' ').jsonConfigured("");
        assertThat(text(line)).isEqualTo("route-ü-\uD83D\uDE80 - \"ü\\\"\" null");
    }

    @Test
    void growsPastItsInitialCapacity() throws IOException {
        LineBuffer line = new LineBuffer(1);
        String long1 = "x".repeat(10_000);
        line.textReceived(long1);
        assertThat(text(line)).isEqualTo(long1);
    }

    @Test
    void utf8CheckRejectsOverlongSurrogateAndTruncatedSequences() {
        assertThat(LineBuffer.isUtf8("caf\u00c3\u00a9")).as("C3 A9").isTrue();
        assertThat(LineBuffer.isUtf8("\u00f0\u009f\u009a\u0080")).as("F0 9F 9A 80, a four-byte sequence").isTrue();
        assertThat(LineBuffer.isUtf8("\u00c0\u00af")).as("overlong C0 AF").isFalse();
        assertThat(LineBuffer.isUtf8("\u00ed\u00a0\u0080")).as("ED A0 80, a surrogate").isFalse();
        assertThat(LineBuffer.isUtf8("ab\u00e2\u0082")).as("E2 82, cut short").isFalse();
        assertThat(LineBuffer.isUtf8("\u00e9")).as("E9 alone").isFalse();
    }
}
