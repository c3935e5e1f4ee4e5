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
    void repeatedHeaderValuesAreJoinedWithCommasAsEnvoyMatchesThem() {
        RequestHeadView repeated = new RequestHeadView(HttpMethod.GET, "example.com", "/", "/",
                new DefaultHttpHeaders().add("end-user", "jason").add("end-user", "bob"));

        assertThat(repeated.header("end-user")).isEqualTo("jason,bob");
    }

    @Test
    void pseudoHeadersAnswerFromTheRequestLine() {
        assertThat(view.header(":method")).isEqualTo("POST");
        assertThat(view.header(":authority")).isEqualTo("example.com:80");
        assertThat(view.header(":path")).as(":path keeps the query").isEqualTo("/a?b=1");
        assertThat(view.header(":scheme")).isEqualTo("http");
        assertThat(view.header(":unknown")).isNull();
    }

    private static RequestHeadView target(String target) {
        return new RequestHeadView(HttpMethod.GET, "example.com", target, RequestTargets.path(target),
                new DefaultHttpHeaders());
    }

    @Test
    void queryIsTheTextAfterTheFirstQuestionMark() {
        assertThat(target("/a?b=1&c=d?e").query()).isEqualTo("b=1&c=d?e");
    }

    @Test
    void queryIsNullWithoutQuestionMark() {
        assertThat(target("/a/b").query()).isNull();
        assertThat(target("*").query()).as("asterisk-form").isNull();
    }

    @Test
    void queryIsEmptyAfterABareQuestionMark() {
        assertThat(target("/a?").query()).isEmpty();
    }

    @Test
    void queryStopsAtTheFragment() {
        assertThat(target("/a?b=1#frag?x").query()).isEqualTo("b=1");
        assertThat(target("/a#frag?x=1").query()).as("? inside the fragment").isNull();
    }

    @Test
    void queryOfAbsoluteFormTargets() {
        assertThat(target("http://example.com:8080/a?b=1").query()).isEqualTo("b=1");
        assertThat(target("HTTPS://example.com?b=1").query()).as("no path").isEqualTo("b=1");
        assertThat(target("http://example.com/a").query()).isNull();
    }

    @Test
    void queryIsRawNotDecoded() {
        assertThat(target("/a?q=a%20b+c").query()).isEqualTo("q=a%20b+c");
    }

    @Test
    void schemeIsHttpsForARequestThatCameOverTls() {
        RequestHeadView secure = new RequestHeadView(HttpMethod.GET, "example.com", "/", "/",
                new DefaultHttpHeaders(), true);

        assertThat(secure.header(":scheme")).isEqualTo("https");
        assertThat(view.header(":scheme")).as("plaintext").isEqualTo("http");
    }
}
