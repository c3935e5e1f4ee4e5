package io.foresail.core.accesslog;

import io.foresail.core.http.ResponseFlag;
import io.foresail.core.proxy.ExchangeOutcome;

/**
 * Envoy's {@code %RESPONSE_CODE_DETAILS%} for a finished exchange: who set the status and why, in
 * the words of Envoy's {@code StreamInfo::ResponseCodeDetailValues}, its router's reset details
 * and its CORS filter. Derived from the outcome's flag, status and upstream side:
 *
 * <table>
 *   <caption>details by outcome</caption>
 *   <tr><th>outcome</th><th>details</th></tr>
 *   <tr><td>an upstream response head was relayed ({@code -}, {@code URX}, {@code DI})</td><td>{@code via_upstream}</td></tr>
 *   <tr><td>{@code NR}</td><td>{@code route_not_found}</td></tr>
 *   <tr><td>{@code NC}</td><td>{@code cluster_not_found}</td></tr>
 *   <tr><td>{@code UH}</td><td>{@code no_healthy_upstream}</td></tr>
 *   <tr><td>{@code UF}</td><td>{@code upstream_reset_before_response_started{connection_failure}}, with
 *       {@code |reason} when the transport failed (TLS), spaces as {@code _}</td></tr>
 *   <tr><td>{@code UC}, {@code UPE}</td><td>{@code upstream_reset_before_response_started{connection_termination}}
 *       ({@code {protocol_error}}), {@code after_response_started} once the head went downstream</td></tr>
 *   <tr><td>{@code UT}</td><td>{@code response_timeout}</td></tr>
 *   <tr><td>{@code FI}</td><td>{@code fault_filter_abort}</td></tr>
 *   <tr><td>{@code DC}</td><td>{@code downstream_remote_disconnect}</td></tr>
 *   <tr><td>{@code DPE}</td><td>{@code http1.headers_too_large} (414, 431), else {@code http1.codec_error}</td></tr>
 *   <tr><td>answered here without a flag, after a route forwarded (a CORS preflight)</td><td>{@code cors_response}</td></tr>
 *   <tr><td>answered here without a flag, no cluster (direct response, redirect)</td><td>{@code direct_response}</td></tr>
 * </table>
 *
 * <p>What the outcome does not tell apart is named as its nearest kind: a per-try timeout is
 * {@code response_timeout} (Envoy: {@code upstream_per_try_timeout}) and a path that cannot be
 * normalised (400 without flag) is {@code direct_response} (Envoy: {@code path_normalization_failed}).
 */
final class ResponseCodeDetails {

    static final String VIA_UPSTREAM = "via_upstream";
    static final String ROUTE_NOT_FOUND = "route_not_found";
    static final String CLUSTER_NOT_FOUND = "cluster_not_found";
    static final String NO_HEALTHY_UPSTREAM = "no_healthy_upstream";
    static final String RESPONSE_TIMEOUT = "response_timeout";
    static final String FAULT_FILTER_ABORT = "fault_filter_abort";
    static final String DOWNSTREAM_REMOTE_DISCONNECT = "downstream_remote_disconnect";
    static final String DIRECT_RESPONSE = "direct_response";
    static final String CORS_RESPONSE = "cors_response";
    static final String CODEC_ERROR = "http1.codec_error";
    static final String HEADERS_TOO_LARGE = "http1.headers_too_large";

    private static final String EARLY_RESET = "upstream_reset_before_response_started";
    private static final String LATE_RESET = "upstream_reset_after_response_started";
    private static final String CONNECTION_FAILURE = "connection_failure";
    private static final String CONNECTION_TERMINATION = "connection_termination";
    private static final String PROTOCOL_ERROR = "protocol_error";

    private ResponseCodeDetails() {
    }

    /** The details of {@code outcome}, or {@code null} when none applies (nothing was answered). */
    static String of(ExchangeOutcome outcome) {
        ExchangeOutcome.Forwarded forwarded = outcome.forwarded();
        boolean upstreamAnswered = forwarded != null && forwarded.serviceTimeMillis() >= 0;
        ResponseFlag flag = outcome.flag();
        return switch (flag) {
            case NR -> ROUTE_NOT_FOUND;
            case NC -> CLUSTER_NOT_FOUND;
            case UH -> NO_HEALTHY_UPSTREAM;
            case UF -> reset(EARLY_RESET, CONNECTION_FAILURE, forwarded == null ? null : forwarded.transportFailureReason());
            case UC -> reset(upstreamAnswered ? LATE_RESET : EARLY_RESET, CONNECTION_TERMINATION, null);
            case UPE -> reset(upstreamAnswered ? LATE_RESET : EARLY_RESET, PROTOCOL_ERROR, null);
            case UT -> RESPONSE_TIMEOUT;
            case FI -> FAULT_FILTER_ABORT;
            case DC -> DOWNSTREAM_REMOTE_DISCONNECT;
            case DPE -> outcome.status() == 414 || outcome.status() == 431 ? HEADERS_TOO_LARGE : CODEC_ERROR;
            case NONE, URX, DI -> {
                if (upstreamAnswered) {
                    yield VIA_UPSTREAM;
                }
                if (outcome.status() == 0 || flag != ResponseFlag.NONE) {
                    yield null;
                }
                yield outcome.clusterName() != null && forwarded == null ? CORS_RESPONSE : DIRECT_RESPONSE;
            }
        };
    }

    /** {@code kind{reason}} or {@code kind{reason|transport failure}}, whitespace as {@code _} as Envoy writes it. */
    private static String reset(String kind, String reason, String transportFailure) {
        if (transportFailure == null || transportFailure.isEmpty()) {
            return kind + "{" + reason + "}";
        }
        StringBuilder details = new StringBuilder(kind.length() + reason.length() + transportFailure.length() + 3)
                .append(kind).append('{').append(reason).append('|');
        for (int i = 0; i < transportFailure.length(); i++) {
            char c = transportFailure.charAt(i);
            details.append(Character.isWhitespace(c) ? '_' : c);
        }
        return details.append('}').toString();
    }
}
