package io.foresail.core.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.core.http.ResponseFlag;
import io.foresail.core.proxy.ExchangeOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextLinesTest {

    private static final String TLS_FAILURE =
            "TLS_error:|268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:TLS_error_end";

    static byte[] bytes(ExchangeOutcome outcome) {
        LineBuffer line = new LineBuffer(64);
        TextLines.append(outcome, line);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            line.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String line(ExchangeOutcome outcome) {
        return new String(bytes(outcome), StandardCharsets.UTF_8);
    }

    @Test
    void proxiedRequestHasIstioFieldsInIstioOrder() {
        assertThat(line(SampleOutcomes.proxied())).isEqualTo("[2026-12-06T21:47:18.123Z] \"GET /api?x=1 HTTP/1.1\" 200 - "
                + "via_upstream - \"-\" 0 12 3 2 \"10.0.0.9\" \"curl/8.5.0\" \"6c1d0e4a-request\" \"edge.example.com\" "
                + "\"10.0.1.4:8080\" outbound|80||echo.local 10.0.0.2:40112 10.0.0.2:8080 10.0.0.9:51234 - edge.default\n");
    }

    @Test
    void unsetValuesAreDashes() {
        assertThat(line(SampleOutcomes.noRoute())).as("no upstream, cluster, route, service time, user-agent, XFF or SNI")
                .isEqualTo("[2026-12-06T21:47:18.123Z] \"GET /api?x=1 HTTP/1.1\" 404 NR route_not_found - \"-\" 0 0 1 - "
                        + "\"-\" \"-\" \"6c1d0e4a-request\" \"edge.example.com\" \"-\" - - 10.0.0.2:8080 10.0.0.9:51234 - -\n");
    }

    @Test
    void connectFailureNamesTheUpstreamTriedAndTheTransportFailure() {
        assertThat(line(SampleOutcomes.connectFailure(TLS_FAILURE))).isEqualTo("[2026-12-06T21:47:18.123Z] "
                + "\"GET /api?x=1 HTTP/1.1\" 503 UF upstream_reset_before_response_started{connection_failure|"
                + "TLS_error:|268435581:SSL_routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:TLS_error_end} - "
                + "\"" + TLS_FAILURE + "\" 0 91 2 - \"10.0.0.9\" \"curl/8.5.0\" \"6c1d0e4a-request\" \"edge.example.com\" "
                + "\"10.0.1.4:8080\" outbound|80||echo.local - 10.0.0.2:8080 10.0.0.9:51234 - edge.default\n");
    }

    @Test
    void quoteInHeaderValueIsWrittenAsReceivedAsEnvoyDoes() {
        assertThat(line(SampleOutcomes.proxied("say \"hi\""))).as("Envoy's text format does not escape quotes")
                .contains(" \"say \"hi\"\" ");
    }

    @Test
    void controlCharactersAreHexEscapedSoALineStaysOneLine() {
        String line = line(SampleOutcomes.proxied("a\nb\tc\u007fd\re"));
        assertThat(line).contains("\"a\\x0ab\\x09c\\x7fd\\x0de\"");
        assertThat(line.indexOf('\n')).as("only the line's own newline, at its end").isEqualTo(line.length() - 1);
    }

    @Test
    void receivedNonAsciiBytesAreWrittenAsTheyCameOffTheWire() {
        // the decoder hands "é" sent as UTF-8 (C3 A9) over as two chars, one per byte
        byte[] line = bytes(SampleOutcomes.proxied("caf\u00c3\u00a9"));
        assertThat(new String(line, StandardCharsets.UTF_8)).as("the original UTF-8 bytes again").contains("\"café\"");
    }

    @Test
    void nothingSentIsResponseCodeZero() {
        ExchangeOutcome disconnected = SampleOutcomes.with(SampleOutcomes.proxied(), ResponseFlag.DC,
                0, SampleOutcomes.forwarded(-1, null));
        assertThat(line(disconnected)).contains("\"GET /api?x=1 HTTP/1.1\" 0 DC downstream_remote_disconnect - ");
    }

    @Test
    void ipv6AddressesAreBracketedAndCompressed() {
        ExchangeOutcome.Downstream downstream = SampleOutcomes.downstream("curl/8.5.0", "::1", 0);
        ExchangeOutcome.Downstream v6 = new ExchangeOutcome.Downstream(downstream.startEpochMillis(), downstream.protocol(),
                downstream.target(), downstream.authority(), downstream.userAgent(), downstream.forwardedFor(),
                downstream.requestId(), SampleOutcomes.address("::1", 51234), SampleOutcomes.address("0:0:0:0:0:0:0:1", 8080),
                "edge.example.com", 0, 0);
        ExchangeOutcome noRoute = SampleOutcomes.noRoute();
        ExchangeOutcome outcome = new ExchangeOutcome(noRoute.gatewayPort(), noRoute.method(), noRoute.path(), 404,
                noRoute.flag(), null, null, 0, 1, v6, null);
        assertThat(line(outcome)).endsWith(" [::1]:8080 [::1]:51234 edge.example.com -\n");
    }
}
