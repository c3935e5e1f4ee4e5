package io.foresail.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

class RequestHeadRewriterTest {

    private static HttpRequest request(HttpVersion version, String uri) {
        HttpRequest request = new DefaultHttpRequest(version, HttpMethod.GET, uri);
        request.headers().set("Host", "example.com");
        return request;
    }

    @Test
    void forwardedForIsAppendedAndProtoSet() {
        HttpRequest request = request(HttpVersion.HTTP_1_1, "/");
        request.headers().set("X-Forwarded-For", "1.1.1.1").set("X-Forwarded-Proto", "https");

        RequestHeadRewriter.rewrite(request, request.uri(), "example.com", false, false, "192.0.2.7");

        assertThat(request.headers().get("x-forwarded-for")).isEqualTo("1.1.1.1, 192.0.2.7");
        assertThat(request.headers().get("x-forwarded-proto")).as("overwritten without trusted hops").isEqualTo("http");
    }

    @Test
    void requestIdIsGeneratedOnlyWhenAbsent() {
        HttpRequest without = request(HttpVersion.HTTP_1_1, "/");
        HttpRequest with = request(HttpVersion.HTTP_1_1, "/");
        with.headers().set("x-request-id", "given");

        RequestHeadRewriter.rewrite(without, without.uri(), "example.com", false, false, "192.0.2.7");
        RequestHeadRewriter.rewrite(with, with.uri(), "example.com", false, false, "192.0.2.7");

        assertThat(without.headers().get("x-request-id")).hasSize(36);
        assertThat(with.headers().get("x-request-id")).isEqualTo("given");
    }

    @Test
    void expectContinueIsRemovedOtherExpectationsKept() {
        HttpRequest continuing = request(HttpVersion.HTTP_1_1, "/");
        continuing.headers().set("Expect", "100-Continue");
        HttpRequest other = request(HttpVersion.HTTP_1_1, "/");
        other.headers().set("Expect", "something-else");

        RequestHeadRewriter.rewrite(continuing, continuing.uri(), "example.com", false, false, "192.0.2.7");
        RequestHeadRewriter.rewrite(other, other.uri(), "example.com", false, false, "192.0.2.7");

        assertThat(continuing.headers().contains("expect")).as("100-continue is answered by the proxy").isFalse();
        assertThat(other.headers().get("expect")).isEqualTo("something-else");
    }

    @Test
    void chunkedBodyIsReframedAsChunked() {
        HttpRequest request = request(HttpVersion.HTTP_1_1, "/");
        request.headers().set("Transfer-Encoding", "gzip, chunked");

        RequestHeadRewriter.rewrite(request, request.uri(), "example.com", false, true, "192.0.2.7");

        assertThat(request.headers().getAll("transfer-encoding")).containsExactly("chunked");
    }

    @Test
    void absoluteFormBecomesOriginFormWithHostFromTheTarget() {
        HttpRequest request = request(HttpVersion.HTTP_1_1, "http://api.example.com:8080/a?b");

        RequestHeadRewriter.rewrite(request, request.uri(), "api.example.com:8080", true, false, "192.0.2.7");

        assertThat(request.uri()).isEqualTo("/a?b");
        assertThat(request.headers().get("host")).isEqualTo("api.example.com:8080");
    }

    @Test
    void routedTargetReplacesTheReceivedOne() {
        HttpRequest request = request(HttpVersion.HTTP_1_1, "/public/../admin?x=/../y");

        RequestHeadRewriter.rewrite(request, "/admin?x=/../y", "example.com", false, false, "192.0.2.7");

        assertThat(request.uri()).as("normalised path, query as received").isEqualTo("/admin?x=/../y");
    }

    @Test
    void routedAbsoluteFormTargetIsSentInOriginForm() {
        HttpRequest request = request(HttpVersion.HTTP_1_1, "http://api.example.com/a/../b?q");

        RequestHeadRewriter.rewrite(request, "/b?q", "api.example.com", true, false, "192.0.2.7");

        assertThat(request.uri()).isEqualTo("/b?q");
        assertThat(request.headers().get("host")).isEqualTo("api.example.com");
    }

    @Test
    void http10RequestIsSentAsHttp11() {
        HttpRequest request = request(HttpVersion.HTTP_1_0, "/");
        request.headers().set("Connection", "keep-alive");

        RequestHeadRewriter.rewrite(request, request.uri(), "example.com", false, false, "192.0.2.7");

        assertThat(request.protocolVersion()).isEqualTo(HttpVersion.HTTP_1_1);
        assertThat(request.headers().contains("connection")).isFalse();
    }

    @Test
    void missingHostIsFilledFromTheRoutedAuthority() {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_0, HttpMethod.GET, "/");

        RequestHeadRewriter.rewrite(request, request.uri(), "web.default.svc", false, false, "192.0.2.7");

        assertThat(request.headers().get("host")).isEqualTo("web.default.svc");
    }
}
