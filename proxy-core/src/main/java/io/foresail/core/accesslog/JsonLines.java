package io.foresail.core.accesslog;

import io.foresail.core.proxy.ExchangeOutcome;

/**
 * Lines in Istio's JSON encoding ({@code accessLogEncoding: JSON}, {@code EnvoyJSONLogFormatIstio}):
 * one object per line with Istio's keys, written as Envoy's {@code json_format} writes them: keys
 * sorted, a value that is a single command operator keeps its type, so {@code response_code},
 * {@code bytes_received}, {@code bytes_sent} and {@code duration} are numbers, headers (also
 * {@code upstream_service_time}) and everything else strings, and an unset value is {@code null}.
 * {@code response_flags} is {@code "-"} when there is no flag, as Envoy's flag operator writes it.
 *
 * <pre>
 * {"authority":"edge.example.com","bytes_received":0,"bytes_sent":12,"connection_termination_details":null,
 * "downstream_local_address":"10.0.0.2:8080","downstream_remote_address":"10.0.0.9:51234","duration":3,
 * "method":"GET","path":"/api?x=1","protocol":"HTTP/1.1","request_id":"6c1d…","requested_server_name":null,
 * "response_code":200,"response_code_details":"via_upstream","response_flags":"-","route_name":"edge.default",
 * "start_time":"2026-12-06T21:47:18.123Z","upstream_cluster":"outbound|80||echo.local",
 * "upstream_host":"10.0.1.4:8080","upstream_local_address":"10.0.0.2:40112","upstream_service_time":"2",
 * "upstream_transport_failure_reason":null,"user_agent":"curl/8.5.0","x_forwarded_for":"10.0.0.9"}
 * </pre>
 *
 * (one line).
 */
final class JsonLines {

    private JsonLines() {
    }

    static void append(ExchangeOutcome outcome, LineBuffer line) {
        ExchangeOutcome.Downstream downstream = outcome.downstream();
        ExchangeOutcome.Forwarded forwarded = outcome.forwarded();
        boolean down = downstream != null;
        line.ascii('{').jsonKey("authority").jsonReceived(down ? downstream.authority() : null)
                .ascii(',').jsonKey("bytes_received").decimal(down ? downstream.bytesReceived() : 0)
                .ascii(',').jsonKey("bytes_sent").decimal(down ? downstream.bytesSent() : 0)
                .ascii(',').jsonKey("connection_termination_details").jsonNull()
                .ascii(',').jsonKey("downstream_local_address")
                .jsonReceived(down ? Addresses.of(downstream.localAddress()) : null)
                .ascii(',').jsonKey("downstream_remote_address")
                .jsonReceived(down ? Addresses.of(downstream.remoteAddress()) : null)
                .ascii(',').jsonKey("duration").decimal(outcome.durationNanos() / 1_000_000)
                .ascii(',').jsonKey("method").jsonReceived(outcome.method() == null ? null : outcome.method().name())
                .ascii(',').jsonKey("path").jsonReceived(down ? downstream.target() : null)
                .ascii(',').jsonKey("protocol")
                .jsonReceived(down && downstream.protocol() != null ? downstream.protocol().text() : null)
                .ascii(',').jsonKey("request_id").jsonReceived(down ? downstream.requestId() : null)
                .ascii(',').jsonKey("requested_server_name").jsonReceived(down ? downstream.requestedServerName() : null)
                .ascii(',').jsonKey("response_code").decimal(outcome.status())
                .ascii(',').jsonKey("response_code_details").jsonConfigured(ResponseCodeDetails.of(outcome))
                .ascii(',').jsonKey("response_flags").ascii('"').ascii(outcome.flag().code()).ascii('"')
                .ascii(',').jsonKey("route_name").jsonConfigured(forwarded == null ? null : forwarded.routeName())
                .ascii(',').jsonKey("start_time");
        if (down) {
            line.ascii('"').isoInstant(downstream.startEpochMillis()).ascii('"');
        } else {
            line.jsonNull();
        }
        line.ascii(',').jsonKey("upstream_cluster").jsonConfigured(outcome.clusterName())
                .ascii(',').jsonKey("upstream_host").jsonReceived(Addresses.of(outcome.upstream()))
                .ascii(',').jsonKey("upstream_local_address")
                .jsonReceived(forwarded == null ? null : Addresses.of(forwarded.localAddress()))
                .ascii(',').jsonKey("upstream_service_time");
        if (forwarded == null || forwarded.serviceTimeMillis() < 0) {
            line.jsonNull();
        } else {
            line.ascii('"').decimal(forwarded.serviceTimeMillis()).ascii('"');
        }
        line.ascii(',').jsonKey("upstream_transport_failure_reason")
                .jsonConfigured(forwarded == null ? null : forwarded.transportFailureReason())
                .ascii(',').jsonKey("user_agent").jsonReceived(down ? downstream.userAgent() : null)
                .ascii(',').jsonKey("x_forwarded_for").jsonReceived(down ? downstream.forwardedFor() : null)
                .ascii("}\n");
    }
}
