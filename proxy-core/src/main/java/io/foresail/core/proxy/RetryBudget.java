package io.foresail.core.proxy;

import io.foresail.config.table.Cluster;
import io.foresail.config.table.RetryPolicy;
import io.foresail.core.upstream.LoadBalancers;
import io.foresail.core.upstream.TicketSource;
import io.foresail.core.upstream.UpstreamEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The retries one request may still make under its route's {@link RetryPolicy}, the endpoints it
 * has tried, and the wait before the next try: Envoy's fully jittered exponential back-off (the
 * n-th retry waits a uniform draw in {@code [0, (2^n - 1) × base)}, at most {@code 10 × base}), and
 * its {@code previous_hosts} predicate (a retry picks an endpoint not tried yet, re-drawing up to
 * {@value #HOST_SELECTION_ATTEMPTS} times, when {@code retryIgnorePreviousHosts}).
 *
 * <p>Used on the request's event loop only.
 */
final class RetryBudget {

    /** Envoy's {@code host_selection_retry_max_attempts} as Istio sets it. */
    static final int HOST_SELECTION_ATTEMPTS = 5;

    private final RetryPolicy policy;
    private int retriesUsed;
    private List<UpstreamEndpoint> tried;

    RetryBudget(RetryPolicy policy) {
        this.policy = policy;
    }

    RetryPolicy policy() {
        return policy;
    }

    /** Whether another try is allowed. */
    boolean hasRetryLeft() {
        return retriesUsed < policy.attempts();
    }

    /** Tries made so far: the first and each retry taken. */
    int triesMade() {
        return 1 + retriesUsed;
    }

    /** Whether any retry was made. */
    boolean retried() {
        return retriesUsed > 0;
    }

    /** Takes one retry and returns the back-off to wait before it, in nanoseconds (drawn in microseconds). */
    long takeRetry(TicketSource tickets) {
        retriesUsed++;
        long ceilingMicros = Math.max(1, backoffCeiling(policy, retriesUsed).toNanos() / 1_000);
        return tickets.next((int) Math.min(Integer.MAX_VALUE, ceilingMicros)) * 1_000L;
    }

    /** Records that {@code endpoint} got a try. */
    void tried(UpstreamEndpoint endpoint) {
        if (policy.attempts() == 0) {
            return;
        }
        if (tried == null) {
            tried = new ArrayList<>(policy.attempts() + 1);
        }
        tried.add(endpoint);
    }

    /**
     * The endpoint for a retry: the balancer's next pick, re-drawn while it is one already tried
     * (when the policy ignores previous hosts) and another pick may differ; {@code null} when the
     * cluster has no endpoint left.
     */
    UpstreamEndpoint pickForRetry(LoadBalancers balancers, Cluster cluster) {
        UpstreamEndpoint picked = balancers.pick(cluster);
        if (!policy.retryIgnorePreviousHosts() || tried == null) {
            return picked;
        }
        for (int draw = 1; draw < HOST_SELECTION_ATTEMPTS && picked != null && tried.contains(picked); draw++) {
            picked = balancers.pick(cluster);
        }
        return picked;
    }

    /** The back-off ceiling of the {@code retry}-th retry (1-based): {@code (2^retry - 1) × base}, at most {@code 10 × base}. */
    static Duration backoffCeiling(RetryPolicy policy, int retry) {
        long baseNanos = Math.max(1, policy.backoffBase().toNanos());
        long multiplier = (1L << Math.min(retry, 30)) - 1;
        return Duration.ofNanos(Math.min(multiplier * baseNanos, baseNanos * 10));
    }
}
