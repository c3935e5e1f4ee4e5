package io.foresail.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LocalRepliesTest {

    @Test
    void replyWithBodyHasLengthTypeAndServer() {
        FullHttpResponse response = LocalReplies.of(ByteBufAllocator.DEFAULT, HttpResponseStatus.SERVICE_UNAVAILABLE,
                LocalReplies.NO_HEALTHY_UPSTREAM, false);
        try {
            assertThat(response.status().code()).isEqualTo(503);
            assertThat(response.headers().get("content-length")).isEqualTo("19");
            assertThat(response.headers().get("content-type")).isEqualTo("text/plain");
            assertThat(response.headers().get("server")).isEqualTo("istio-envoy");
            assertThat(response.headers().contains("connection")).isFalse();
            assertThat(response.content().toString(StandardCharsets.US_ASCII)).isEqualTo("no healthy upstream");
        } finally {
            response.release();
        }
    }

    @Test
    void replyWithoutBodyHasNoContentType() {
        FullHttpResponse response = LocalReplies.of(ByteBufAllocator.DEFAULT, HttpResponseStatus.NOT_FOUND, "", true);
        try {
            assertThat(response.headers().get("content-length")).isEqualTo("0");
            assertThat(response.headers().contains("content-type")).isFalse();
            assertThat(response.headers().get("connection")).isEqualTo("close");
        } finally {
            response.release();
        }
    }
}
