package io.foresail.config.validate;

import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What Istio accepts in {@code retries.retryOn}: Envoy's {@code x-envoy-retry-on} and
 * {@code x-envoy-retry-grpc-on} policies, and HTTP status codes (those Go's {@code http.StatusText} names).
 */
public final class RetryOnTokens {

    /** The policies Istio's validation accepts (case-sensitive, as written). */
    public static final Set<String> POLICIES = Set.of("5xx", "gateway-error", "reset", "reset-before-request",
            "connect-failure", "retriable-4xx", "refused-stream", "retriable-status-codes", "retriable-headers",
            "envoy-ratelimited", "http3-post-connect-failure", "cancelled", "deadline-exceeded", "internal",
            "resource-exhausted", "unavailable");

    /** The codes Go's {@code net/http} has a status text for. */
    private static final Set<Integer> STATUS_CODES = Set.of(100, 101, 102, 103,
            200, 201, 202, 203, 204, 205, 206, 207, 208, 226,
            300, 301, 302, 303, 304, 305, 307, 308,
            400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418,
            421, 422, 423, 424, 425, 426, 428, 429, 431, 451,
            500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511);

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]{1,9}");

    private RetryOnTokens() {
    }

    /** The HTTP status code {@code token} stands for (as Go's {@code strconv.Atoi} reads it), or empty. */
    public static OptionalInt statusCode(String token) {
        if (!INTEGER.matcher(token).matches()) {
            return OptionalInt.empty();
        }
        int code = Integer.parseInt(token);
        return STATUS_CODES.contains(code) ? OptionalInt.of(code) : OptionalInt.empty();
    }

    /** Whether Istio's validation accepts {@code token} (not trimmed, as Istio does not trim). */
    public static boolean isValid(String token) {
        return POLICIES.contains(token) || statusCode(token).isPresent();
    }
}
