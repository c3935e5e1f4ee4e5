package io.foresail.core.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;

class RequestHeadViewTest {

    private final RequestHeadView view = new RequestHeadView(HttpMethod.POST, "example.com:80", "/a?b=1", "/a",
            new DefaultHttpHeaders().add("X-User", "alice"));

    @Test
    void headersAreLookedUpCaseInsensitively() {
        assertThat(view.header("x-user")).isEqualTo("alice");
        assertThat(view.header("x-missing")).isNull();
    }

    @Test
    void pseudoHeadersAnswerFromTheRequestLine() {
        assertThat(view.header(":method")).isEqualTo("POST");
        assertThat(view.header(":authority")).isEqualTo("example.com:80");
        assertThat(view.header(":path")).as(":path keeps the query").isEqualTo("/a?b=1");
        assertThat(view.header(":scheme")).isEqualTo("http");
        assertThat(view.header(":unknown")).isNull();
    }
}
