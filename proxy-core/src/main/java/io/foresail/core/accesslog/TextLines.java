package io.foresail.core.accesslog;

import io.foresail.core.proxy.ExchangeOutcome;

/**
 * Lines in Istio's default text format, {@code EnvoyTextLogFormat} (Istio 1.9 on,
 * {@code pilot/pkg/model/telemetry_logging.go}), {@code -} for every unset value:
 *
 * <pre>{@value #FORMAT}</pre>
 *
 * <p>for example
 *
 * <pre>
 * [2026-12-06T21:47:18.123Z] "GET /api?x=1 HTTP/1.1" 200 - via_upstream - "-" 0 12 3 2 "10.0.0.9" "curl/8.5.0"
 * "6c1d…" "edge.example.com" "10.0.1.4:8080" outbound|80||echo.local 10.0.0.2:40112 10.0.0.2:8080
 * 10.0.0.9:51234 - edge.default
 * </pre>
 *
 * (one line). {@code %RESPONSE_CODE%} is {@code 0} when nothing was sent,
 * {@code %CONNECTION_TERMINATION_DETAILS%} is always unset (Envoy sets it for L4 closes only).
 */
final class TextLines {

    /** The format these lines follow, as Istio configures Envoy with it. */
    static final String FORMAT = "[%START_TIME%] \"%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%\" "
            + "%RESPONSE_CODE% %RESPONSE_FLAGS% %RESPONSE_CODE_DETAILS% %CONNECTION_TERMINATION_DETAILS% "
            + "\"%UPSTREAM_TRANSPORT_FAILURE_REASON%\" %BYTES_RECEIVED% %BYTES_SENT% %DURATION% "
            + "%RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% \"%REQ(X-FORWARDED-FOR)%\" \"%REQ(USER-AGENT)%\" "
            + "\"%REQ(X-REQUEST-ID)%\" \"%REQ(:AUTHORITY)%\" \"%UPSTREAM_HOST%\" %UPSTREAM_CLUSTER_RAW% "
            + "%UPSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_REMOTE_ADDRESS% "
            + "%REQUESTED_SERVER_NAME% %ROUTE_NAME%\\n";

    private TextLines() {
    }

    static void append(ExchangeOutcome outcome, LineBuffer line) {
        ExchangeOutcome.Downstream downstream = outcome.downstream();
        ExchangeOutcome.Forwarded forwarded = outcome.forwarded();
        line.ascii('[');
        if (downstream == null) {
            line.ascii('-');
        } else {
            line.isoInstant(downstream.startEpochMillis());
        }
        line.ascii("] \"").textReceived(outcome.method() == null ? null : outcome.method().name())
                .ascii(' ').textReceived(downstream == null ? null : downstream.target())
                .ascii(' ').textReceived(downstream == null || downstream.protocol() == null ? null
                        : downstream.protocol().text())
                .ascii("\" ").decimal(outcome.status())
                .ascii(' ').ascii(outcome.flag().code())
                .ascii(' ').textConfigured(ResponseCodeDetails.of(outcome))
                .ascii(" - \"").textConfigured(forwarded == null ? null : forwarded.transportFailureReason())
                .ascii("\" ");
        if (downstream == null) {
            line.ascii("0 0");
        } else {
            line.decimal(downstream.bytesReceived()).ascii(' ').decimal(downstream.bytesSent());
        }
        line.ascii(' ').decimal(outcome.durationNanos() / 1_000_000).ascii(' ');
        if (forwarded == null || forwarded.serviceTimeMillis() < 0) {
            line.ascii('-');
        } else {
            line.decimal(forwarded.serviceTimeMillis());
        }
        line.ascii(" \"").textReceived(downstream == null ? null : downstream.forwardedFor())
                .ascii("\" \"").textReceived(downstream == null ? null : downstream.userAgent())
                .ascii("\" \"").textReceived(downstream == null ? null : downstream.requestId())
                .ascii("\" \"").textReceived(downstream == null ? null : downstream.authority())
                .ascii("\" \"").textReceived(Addresses.of(outcome.upstream()))
                .ascii("\" ").textConfigured(outcome.clusterName())
                .ascii(' ').textReceived(forwarded == null ? null : Addresses.of(forwarded.localAddress()))
                .ascii(' ').textReceived(downstream == null ? null : Addresses.of(downstream.localAddress()))
                .ascii(' ').textReceived(downstream == null ? null : Addresses.of(downstream.remoteAddress()))
                .ascii(' ').textReceived(downstream == null ? null : downstream.requestedServerName())
                .ascii(' ').textConfigured(forwarded == null ? null : forwarded.routeName())
                .ascii('\n');
    }
}
