package io.foresail.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

class HopByHopHeadersTest {

    private static HttpHeaders strip(HttpHeaders headers) {
        HopByHopHeaders.strip(headers);
        return headers;
    }

    @Test
    void fixedHopByHopHeadersAreRemoved() {
        HttpHeaders headers = strip(new DefaultHttpHeaders()
                .add("Keep-Alive", "timeout=5").add("Proxy-Connection", "keep-alive").add("Transfer-Encoding", "chunked")
                .add("Upgrade", "websocket").add("Proxy-Authorization", "Basic x").add("Proxy-Authenticate", "Basic")
                .add("x-end-to-end", "1"));

        assertThat(headers.names()).containsExactly("x-end-to-end");
    }

    @Test
    void headersNamedInConnectionAreRemovedWithIt() {
        HttpHeaders headers = strip(new DefaultHttpHeaders()
                .add("Connection", "keep-alive, X-Foo").add("Connection", "x-bar").add("x-foo", "1").add("X-Bar", "2")
                .add("x-baz", "3"));

        assertThat(headers.names()).containsExactly("x-baz");
    }

    @Test
    void connectionCannotRemoveHostOrContentLength() {
        HttpHeaders headers = strip(new DefaultHttpHeaders()
                .add("Connection", "host, content-length, x-forwarded-for").add("Host", "a.com").add("Content-Length", "3")
                .add("x-forwarded-for", "1.2.3.4"));

        assertThat(headers.get("host")).isEqualTo("a.com");
        assertThat(headers.get("content-length")).isEqualTo("3");
        assertThat(headers.get("x-forwarded-for")).isEqualTo("1.2.3.4");
    }

    @Test
    void teKeepsOnlyTrailers() {
        assertThat(strip(new DefaultHttpHeaders().add("TE", "deflate, Trailers")).get("te")).isEqualTo("trailers");
        assertThat(strip(new DefaultHttpHeaders().add("TE", "deflate")).contains("te")).isFalse();
    }

    @Test
    void tokenMatchingIgnoresCaseAndSpaces() {
        assertThat(HopByHopHeaders.containsToken("a,  TRAILERS ,b", io.netty.handler.codec.http.HttpHeaderValues.TRAILERS))
                .isTrue();
        assertThat(HopByHopHeaders.containsToken("trailersx", io.netty.handler.codec.http.HttpHeaderValues.TRAILERS))
                .isFalse();
    }
}
