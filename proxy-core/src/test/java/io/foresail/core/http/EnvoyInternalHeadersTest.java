package io.foresail.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

class EnvoyInternalHeadersTest {

    @Test
    void everyXEnvoyHeaderIsRemovedWhateverItsCase() {
        HttpHeaders headers = new DefaultHttpHeaders()
                .add("X-Envoy-Original-Path", "/admin")
                .add("x-envoy-upstream-rq-timeout-ms", "1")
                .add("x-envoy-upstream-rq-timeout-ms", "2")
                .add("x-request-id", "r");

        EnvoyInternalHeaders.strip(headers);

        assertThat(headers.names()).containsExactly("x-request-id");
    }

    @Test
    void lookalikeNamesAreKept() {
        HttpHeaders headers = new DefaultHttpHeaders().add("x-envoy", "a").add("x-envoyish", "b").add("my-x-envoy-c", "c");

        EnvoyInternalHeaders.strip(headers);

        assertThat(headers.names()).containsExactlyInAnyOrder("x-envoy", "x-envoyish", "my-x-envoy-c");
    }
}
