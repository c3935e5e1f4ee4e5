package io.foresail.core.proxy;

import io.foresail.config.table.RetryPolicy;
import io.foresail.config.table.RetryPolicy.Condition;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.Set;

/**
 * Which failures of one try a {@link RetryPolicy}'s {@code retryOn} covers, as Envoy's
 * {@code RetryStateImpl} decides: a connect failure is covered by {@code connect-failure} and by
 * the policies for an upstream that "does not respond at all" ({@code 5xx}, {@code gateway-error},
 * {@code reset}, {@code reset-before-request}); a reset or a per-try timeout by {@code 5xx},
 * {@code gateway-error} and {@code reset}; a response by its status ({@code 5xx}: 500–599,
 * {@code gateway-error}: 502–504, {@code retriable-4xx}: 409, {@code retriable-status-codes}: the
 * listed codes) or its {@code grpc-status} ({@code cancelled} 1, {@code deadline-exceeded} 4,
 * {@code resource-exhausted} 8, {@code internal} 13, {@code unavailable} 14), or
 * {@code x-envoy-ratelimited} for {@code envoy-ratelimited}. Whether attempts remain is not decided here.
 */
final class RetryConditions {

    static final AsciiString GRPC_STATUS = AsciiString.cached("grpc-status");
    static final AsciiString ENVOY_RATELIMITED = AsciiString.cached("x-envoy-ratelimited");

    private RetryConditions() {
    }

    static boolean coversConnectFailure(RetryPolicy policy) {
        Set<Condition> on = policy.retryOn();
        return on.contains(Condition.CONNECT_FAILURE) || on.contains(Condition.RESET_BEFORE_REQUEST) || coversReset(policy);
    }

    /** The connection closed (or was reset) after the request went out and before the response was complete. */
    static boolean coversReset(RetryPolicy policy) {
        Set<Condition> on = policy.retryOn();
        return on.contains(Condition.FIVE_XX) || on.contains(Condition.GATEWAY_ERROR) || on.contains(Condition.RESET);
    }

    /** The try's own timeout ({@code perTryTimeout}) expired: Envoy treats it as a local reset. */
    static boolean coversPerTryTimeout(RetryPolicy policy) {
        return coversReset(policy);
    }

    /** A response head with {@code status} and {@code headers}. */
    static boolean coversResponse(RetryPolicy policy, int status, HttpHeaders headers) {
        Set<Condition> on = policy.retryOn();
        if (on.isEmpty()) {
            return false;
        }
        if (status >= 500 && status <= 599 && on.contains(Condition.FIVE_XX)) {
            return true;
        }
        if (status >= 502 && status <= 504 && on.contains(Condition.GATEWAY_ERROR)) {
            return true;
        }
        if (status == 409 && on.contains(Condition.RETRIABLE_4XX)) {
            return true;
        }
        if (on.contains(Condition.RETRIABLE_STATUS_CODES) && policy.retriableStatusCodes().contains(status)) {
            return true;
        }
        if (on.contains(Condition.ENVOY_RATELIMITED) && headers.contains(ENVOY_RATELIMITED)) {
            return true;
        }
        String grpcStatus = headers.get(GRPC_STATUS);
        return grpcStatus != null && coversGrpcStatus(on, grpcStatus);
    }

    private static boolean coversGrpcStatus(Set<Condition> on, String value) {
        switch (value.trim()) {
            case "1":
                return on.contains(Condition.CANCELLED);
            case "4":
                return on.contains(Condition.DEADLINE_EXCEEDED);
            case "8":
                return on.contains(Condition.RESOURCE_EXHAUSTED);
            case "13":
                return on.contains(Condition.INTERNAL);
            case "14":
                return on.contains(Condition.UNAVAILABLE);
            default:
                return false;
        }
    }
}
