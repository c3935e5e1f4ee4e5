package io.foresail.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import org.junit.jupiter.api.Test;

class RequestHeadChecksTest {

    private static HttpRequest request(HttpVersion version, HttpMethod method, String target, String... headers) {
        HttpRequest request = new DefaultHttpRequest(version, method, target);
        for (int i = 0; i < headers.length; i += 2) {
            request.headers().add(headers[i], headers[i + 1]);
        }
        return request;
    }

    private static HttpRequest get(String... headers) {
        return request(HttpVersion.HTTP_1_1, HttpMethod.GET, "/", headers);
    }

    @Test
    void ordinaryRequestPasses() {
        assertThat(RequestHeadChecks.check(get("host", "example.com", "content-length", "12"), false)).isNull();
    }

    @Test
    void decoderFailureIsRefusedWithTheDecodersStatus() {
        HttpRequest request = get("host", "example.com");
        request.setDecoderResult(DecoderResult.failure(new TooLongHttpHeaderException("too long")));

        assertThat(RequestHeadChecks.check(request, false))
                .isEqualTo(new RequestHeadChecks.Rejection(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, ResponseFlag.DPE));
    }

    @Test
    void connectIsNotRouted() {
        HttpRequest connect = request(HttpVersion.HTTP_1_1, HttpMethod.CONNECT, "example.com:443", "host", "example.com:443");

        assertThat(RequestHeadChecks.check(connect, false)).isSameAs(RequestHeadChecks.CONNECT_NOT_ROUTED);
    }

    @Test
    void hostIsRequiredOnHttp11UnlessTheTargetCarriesTheAuthority() {
        assertThat(RequestHeadChecks.check(get(), false)).isSameAs(RequestHeadChecks.BAD_REQUEST);
        assertThat(RequestHeadChecks.check(request(HttpVersion.HTTP_1_1, HttpMethod.GET, "http://example.com/"), true))
                .as("absolute-form without host").isNull();
        assertThat(RequestHeadChecks.check(request(HttpVersion.HTTP_1_0, HttpMethod.GET, "/"), false))
                .as("HTTP/1.0 without host").isNull();
    }

    @Test
    void targetMustBeOriginFormAbsoluteFormOrAsteriskForOptions() {
        assertThat(RequestHeadChecks.check(request(HttpVersion.HTTP_1_1, HttpMethod.OPTIONS, "*", "host", "a"), false))
                .as("OPTIONS *").isNull();
        assertThat(RequestHeadChecks.check(request(HttpVersion.HTTP_1_1, HttpMethod.GET, "http://a/x", "host", "a"), true))
                .as("absolute-form").isNull();
        for (String target : new String[] {"*", "a.example:80", "ftp://a/", "x", ""}) {
            assertThat(RequestHeadChecks.check(request(HttpVersion.HTTP_1_1, HttpMethod.GET, target, "host", "a"), false))
                    .as("GET %s", target).isSameAs(RequestHeadChecks.BAD_REQUEST);
        }
    }

    @Test
    void moreThanOneHostIsRefused() {
        assertThat(RequestHeadChecks.check(get("host", "example.com", "host", "example.com"), false))
                .isSameAs(RequestHeadChecks.BAD_REQUEST);
        assertThat(RequestHeadChecks.check(request(HttpVersion.HTTP_1_1, HttpMethod.GET, "http://example.com/",
                "host", "a.example", "host", "b.example"), true)).as("absolute-form with two hosts")
                .isSameAs(RequestHeadChecks.BAD_REQUEST);
    }

    @Test
    void hostMustBeAnAuthority() {
        for (String host : new String[] {"example.com", "example.com:8080", "[::1]:80", "10.0.0.1", "my_host.local", ""}) {
            assertThat(RequestHeadChecks.check(get("host", host), false)).as("host: %s", host).isNull();
        }
        for (String host : new String[] {"a b", "a/b", "user@example.com", "a\\b", "ex\u00e4mple.com", "a?b", "a#b"}) {
            assertThat(RequestHeadChecks.check(get("host", host), false)).as("host: %s", host)
                    .isSameAs(RequestHeadChecks.BAD_REQUEST);
        }
    }

    @Test
    void contentLengthMustBeOneNonNegativeDecimalNumber() {
        for (String value : new String[] {"abc", "5, 5", "99999999999999999999", "9223372036854775808", "-1", "+5", "0x10", ""}) {
            assertThat(RequestHeadChecks.check(get("host", "a", "content-length", value), false))
                    .as("content-length: %s", value).isSameAs(RequestHeadChecks.BAD_REQUEST);
        }
        assertThat(RequestHeadChecks.check(get("host", "a", "content-length", "5", "content-length", "5"), false))
                .as("two content-length fields").isSameAs(RequestHeadChecks.BAD_REQUEST);
        assertThat(RequestHeadChecks.check(get("host", "a", "content-length", "9223372036854775807"), false)).isNull();
    }

    @Test
    void declaredLengthNeverThrows() {
        assertThat(RequestHeadChecks.declaredLength(get("content-length", "42"))).isEqualTo(42);
        assertThat(RequestHeadChecks.declaredLength(get("content-length", "abc"))).isEqualTo(-1);
        assertThat(RequestHeadChecks.declaredLength(get("content-length", "99999999999999999999"))).isEqualTo(-1);
        assertThat(RequestHeadChecks.declaredLength(get())).isEqualTo(-1);
        assertThat(get().headers().contains(HttpHeaderNames.CONTENT_LENGTH)).isFalse();
    }
}
