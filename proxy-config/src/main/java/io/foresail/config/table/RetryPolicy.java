package io.foresail.config.table;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Istio's {@code HTTPRetry}, as Envoy's retry policy.
 *
 * @param attempts                 retries after the first try (requests at most {@code 1 + attempts}); 0 disables
 * @param perTryTimeout            time allowed to each try until the response head, or empty (the route timeout)
 * @param retryOn                  the conditions that allow a retry
 * @param retriableStatusCodes     statuses retried under {@link Condition#RETRIABLE_STATUS_CODES} (bare codes in {@code retryOn})
 * @param backoffBase              the base interval of the jittered exponential backoff (Envoy: 25 ms, max 10×)
 * @param retryRemoteLocalities    {@code retryRemoteLocalities}
 * @param retryIgnorePreviousHosts {@code retryIgnorePreviousHosts} (default true): a retry picks another endpoint when one exists
 */
public record RetryPolicy(int attempts, Optional<Duration> perTryTimeout, Set<Condition> retryOn,
                          Set<Integer> retriableStatusCodes, Duration backoffBase, boolean retryRemoteLocalities,
                          boolean retryIgnorePreviousHosts) {

    public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(25);

    /** Istio's default when {@code retries} is absent: 2 retries on connect-failure, refused-stream, unavailable, cancelled, retriable-status-codes. */
    public static final RetryPolicy ISTIO_DEFAULT = new RetryPolicy(2, Optional.empty(),
            EnumSet.of(Condition.CONNECT_FAILURE, Condition.REFUSED_STREAM, Condition.UNAVAILABLE, Condition.CANCELLED,
                    Condition.RETRIABLE_STATUS_CODES),
            Set.of(), DEFAULT_BACKOFF, false, true);

    /** {@code attempts: 0}. */
    public static final RetryPolicy NONE = new RetryPolicy(0, Optional.empty(), Set.of(), Set.of(), DEFAULT_BACKOFF,
            false, true);

    public RetryPolicy {
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts: " + attempts + " (expected: >= 0)");
        }
        Objects.requireNonNull(perTryTimeout, "perTryTimeout");
        retryOn = retryOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(retryOn));
        retriableStatusCodes = Set.copyOf(retriableStatusCodes);
        Objects.requireNonNull(backoffBase, "backoffBase");
    }

    public boolean retries(Condition condition) {
        return attempts > 0 && retryOn.contains(condition);
    }

    /** Envoy's {@code retry_on} policies that Istio accepts, by their token. */
    public enum Condition {
        FIVE_XX("5xx"), GATEWAY_ERROR("gateway-error"), RESET("reset"), RESET_BEFORE_REQUEST("reset-before-request"),
        CONNECT_FAILURE("connect-failure"), RETRIABLE_4XX("retriable-4xx"), REFUSED_STREAM("refused-stream"),
        RETRIABLE_STATUS_CODES("retriable-status-codes"), RETRIABLE_HEADERS("retriable-headers"),
        ENVOY_RATELIMITED("envoy-ratelimited"), HTTP3_POST_CONNECT_FAILURE("http3-post-connect-failure"),
        CANCELLED("cancelled"), DEADLINE_EXCEEDED("deadline-exceeded"), INTERNAL("internal"),
        RESOURCE_EXHAUSTED("resource-exhausted"), UNAVAILABLE("unavailable");

        private final String token;

        Condition(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }

        /** The condition written as {@code token} in {@code retryOn}, or empty when there is none. */
        public static Optional<Condition> ofToken(String token) {
            String wanted = token.trim().toLowerCase(Locale.ROOT);
            for (Condition condition : values()) {
                if (condition.token.equals(wanted)) {
                    return Optional.of(condition);
                }
            }
            return Optional.empty();
        }
    }
}
