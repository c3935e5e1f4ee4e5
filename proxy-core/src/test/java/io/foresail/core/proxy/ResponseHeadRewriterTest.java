package io.foresail.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.core.http.ServerHeader;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

class ResponseHeadRewriterTest {

    private static HttpResponse response(String... headers) {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        for (int i = 0; i < headers.length; i += 2) {
            response.headers().add(headers[i], headers[i + 1]);
        }
        return response;
    }

    @Test
    void contentLengthIsKeptAndHopByHopRemoved() {
        HttpResponse response = response("Content-Length", "5", "Connection", "close, x-conn", "x-conn", "1",
                "Keep-Alive", "timeout=5", "Server", "upstream/1.0");

        boolean close = ResponseHeadRewriter.rewrite(response, false, false, false);

        assertThat(close).as("upstream connection: close does not close the client").isFalse();
        assertThat(response.headers().names()).map(String::toLowerCase).containsExactlyInAnyOrder("content-length", "server");
        assertThat(response.headers().get("server")).isEqualTo("istio-envoy");
    }

    @Test
    void unknownLengthIsChunkedForHttp11Clients() {
        HttpResponse response = response("Transfer-Encoding", "chunked");

        assertThat(ResponseHeadRewriter.rewrite(response, false, false, false)).isFalse();
        assertThat(response.headers().get("transfer-encoding")).isEqualTo("chunked");
    }

    @Test
    void unknownLengthIsCloseDelimitedForHttp10Clients() {
        HttpResponse response = response("Transfer-Encoding", "chunked");

        assertThat(ResponseHeadRewriter.rewrite(response, false, true, false)).isTrue();
        assertThat(response.headers().contains("transfer-encoding")).isFalse();
        assertThat(response.headers().get("connection")).isEqualTo("close");
    }

    @Test
    void http10KeepAliveIsAnnounced() {
        HttpResponse response = response("Content-Length", "0");

        assertThat(ResponseHeadRewriter.rewrite(response, false, true, false)).isFalse();
        assertThat(response.headers().get("connection")).isEqualTo("keep-alive");
    }

    @Test
    void bodylessResponseNeedsNoFraming() {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);

        assertThat(ResponseHeadRewriter.rewrite(response, true, false, false)).isFalse();
        assertThat(response.headers().contains("transfer-encoding")).isFalse();
        assertThat(ResponseHeadRewriter.isBodyless(HttpResponseStatus.NOT_MODIFIED)).isTrue();
        assertThat(ResponseHeadRewriter.isBodyless(HttpResponseStatus.OK)).isFalse();
    }

    @Test
    void requestedCloseIsAnnounced() {
        HttpResponse response = response("Content-Length", "0");

        assertThat(ResponseHeadRewriter.rewrite(response, false, false, true)).isTrue();
        assertThat(response.headers().get("connection")).isEqualTo("close");
    }

    @Test
    void appendIfAbsentKeepsTheUpstreamsServer() {
        HttpResponse named = response("Content-Length", "0", "Server", "upstream/1.0");
        HttpResponse unnamed = response("Content-Length", "0");

        ResponseHeadRewriter.rewrite(named, false, false, false, ServerHeader.APPEND_IF_ABSENT);
        ResponseHeadRewriter.rewrite(unnamed, false, false, false, ServerHeader.APPEND_IF_ABSENT);

        assertThat(named.headers().get("server")).as("the upstream's own server header is kept").isEqualTo("upstream/1.0");
        assertThat(unnamed.headers().get("server")).as("istio-envoy when the upstream sent none").isEqualTo("istio-envoy");
    }

    @Test
    void passThroughLeavesTheServerHeaderAlone() {
        HttpResponse named = response("Content-Length", "0", "Server", "upstream/1.0");
        HttpResponse unnamed = response("Content-Length", "0");

        ResponseHeadRewriter.rewrite(named, false, false, false, ServerHeader.PASS_THROUGH);
        ResponseHeadRewriter.rewrite(unnamed, false, false, false, ServerHeader.PASS_THROUGH);

        assertThat(named.headers().get("server")).isEqualTo("upstream/1.0");
        assertThat(unnamed.headers().contains("server")).as("none added").isFalse();
    }
}
