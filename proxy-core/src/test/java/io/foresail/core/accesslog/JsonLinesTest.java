package io.foresail.core.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.core.proxy.ExchangeOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonLinesTest {

    static String line(ExchangeOutcome outcome) {
        LineBuffer line = new LineBuffer(64);
        JsonLines.append(outcome, line);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            line.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void proxiedRequestIsOneObjectWithIstioKeysSortedAndNumbersAsNumbers() {
        assertThat(line(SampleOutcomes.proxied())).isEqualTo("{\"authority\":\"edge.example.com\",\"bytes_received\":0,"
                + "\"bytes_sent\":12,\"connection_termination_details\":null,\"downstream_local_address\":\"10.0.0.2:8080\","
                + "\"downstream_remote_address\":\"10.0.0.9:51234\",\"duration\":3,\"method\":\"GET\",\"path\":\"/api?x=1\","
                + "\"protocol\":\"HTTP/1.1\",\"request_id\":\"6c1d0e4a-request\",\"requested_server_name\":null,"
                + "\"response_code\":200,\"response_code_details\":\"via_upstream\",\"response_flags\":\"-\","
                + "\"route_name\":\"edge.default\",\"start_time\":\"2026-12-06T21:47:18.123Z\","
                + "\"upstream_cluster\":\"outbound|80||echo.local\",\"upstream_host\":\"10.0.1.4:8080\","
                + "\"upstream_local_address\":\"10.0.0.2:40112\",\"upstream_service_time\":\"2\","
                + "\"upstream_transport_failure_reason\":null,\"user_agent\":\"curl/8.5.0\",\"x_forwarded_for\":\"10.0.0.9\"}\n");
    }

    @Test
    void unsetValuesAreNullAndTheFlagIsAString() {
        assertThat(line(SampleOutcomes.noRoute())).isEqualTo("{\"authority\":\"edge.example.com\",\"bytes_received\":0,"
                + "\"bytes_sent\":0,\"connection_termination_details\":null,\"downstream_local_address\":\"10.0.0.2:8080\","
                + "\"downstream_remote_address\":\"10.0.0.9:51234\",\"duration\":1,\"method\":\"GET\",\"path\":\"/api?x=1\","
                + "\"protocol\":\"HTTP/1.1\",\"request_id\":\"6c1d0e4a-request\",\"requested_server_name\":null,"
                + "\"response_code\":404,\"response_code_details\":\"route_not_found\",\"response_flags\":\"NR\","
                + "\"route_name\":null,\"start_time\":\"2026-12-06T21:47:18.123Z\",\"upstream_cluster\":null,"
                + "\"upstream_host\":null,\"upstream_local_address\":null,\"upstream_service_time\":null,"
                + "\"upstream_transport_failure_reason\":null,\"user_agent\":null,\"x_forwarded_for\":null}\n");
    }

    @Test
    void transportFailureReasonIsAStringWithItsSpaces() {
        assertThat(line(SampleOutcomes.connectFailure("TLS_error:|268435581:SSL routines:x:CERTIFICATE_VERIFY_FAILED")))
                .contains("\"response_code_details\":\"upstream_reset_before_response_started{connection_failure|"
                        + "TLS_error:|268435581:SSL_routines:x:CERTIFICATE_VERIFY_FAILED}\"")
                .contains("\"upstream_transport_failure_reason\":\"TLS_error:|268435581:SSL routines:x:"
                        + "CERTIFICATE_VERIFY_FAILED\"")
                .contains("\"upstream_service_time\":null");
    }

    @Test
    void quotesBackslashesAndControlCharactersAreEscaped() {
        assertThat(line(SampleOutcomes.proxied("a \"b\" \\c\nd\te\u0001")))
                .contains("\"user_agent\":\"a \\\"b\\\" \\\\c\\nd\\te\\u0001\"");
    }

    @Test
    void receivedUtf8BytesStayUtf8() {
        assertThat(line(SampleOutcomes.proxied("caf\u00c3\u00a9"))).contains("\"user_agent\":\"café\"");
    }

    @Test
    void receivedBytesThatAreNotUtf8AreEscapedSoTheLineIsValidUtf8() {
        // Latin-1 "é" alone (E9) is not UTF-8
        assertThat(line(SampleOutcomes.proxied("caf\u00e9"))).contains("\"user_agent\":\"caf\\u00e9\"");
    }

    @Test
    void everyLineIsOneLine() {
        String line = line(SampleOutcomes.proxied("a\nb"));
        assertThat(line.indexOf('\n')).as("only the line's own newline, at its end").isEqualTo(line.length() - 1);
    }
}
