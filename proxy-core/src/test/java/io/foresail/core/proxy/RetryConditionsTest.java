package io.foresail.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.config.table.RetryPolicy;
import io.foresail.config.table.RetryPolicy.Condition;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryConditionsTest {

    private static RetryPolicy on(Condition first, Condition... rest) {
        return new RetryPolicy(2, Optional.empty(), EnumSet.of(first, rest), Set.of(), RetryPolicy.DEFAULT_BACKOFF, false, true);
    }

    private static final HttpHeaders NONE = new DefaultHttpHeaders();

    @Test
    void fiveXxCoversEveryServerErrorAndResetsAndConnectFailures() {
        RetryPolicy policy = on(Condition.FIVE_XX);
        assertThat(RetryConditions.coversResponse(policy, 500, NONE)).isTrue();
        assertThat(RetryConditions.coversResponse(policy, 599, NONE)).isTrue();
        assertThat(RetryConditions.coversResponse(policy, 404, NONE)).as("4xx is not 5xx").isFalse();
        assertThat(RetryConditions.coversReset(policy)).as("Envoy: 5xx includes a disconnect/reset").isTrue();
        assertThat(RetryConditions.coversConnectFailure(policy)).as("Envoy: 5xx includes connect-failure").isTrue();
    }

    @Test
    void gatewayErrorCovers502To504Only() {
        RetryPolicy policy = on(Condition.GATEWAY_ERROR);
        assertThat(RetryConditions.coversResponse(policy, 500, NONE)).isFalse();
        assertThat(RetryConditions.coversResponse(policy, 502, NONE)).isTrue();
        assertThat(RetryConditions.coversResponse(policy, 504, NONE)).isTrue();
        assertThat(RetryConditions.coversResponse(policy, 505, NONE)).isFalse();
    }

    @Test
    void connectFailureDoesNotCoverResetsOrStatuses() {
        RetryPolicy policy = on(Condition.CONNECT_FAILURE);
        assertThat(RetryConditions.coversConnectFailure(policy)).isTrue();
        assertThat(RetryConditions.coversReset(policy)).isFalse();
        assertThat(RetryConditions.coversPerTryTimeout(policy)).isFalse();
        assertThat(RetryConditions.coversResponse(policy, 503, NONE)).isFalse();
    }

    @Test
    void retriable4xxIs409() {
        RetryPolicy policy = on(Condition.RETRIABLE_4XX);
        assertThat(RetryConditions.coversResponse(policy, 409, NONE)).isTrue();
        assertThat(RetryConditions.coversResponse(policy, 429, NONE)).isFalse();
    }

    @Test
    void grpcStatusUnavailableIsCoveredByUnavailable() {
        HttpHeaders headers = new DefaultHttpHeaders().set("grpc-status", "14");
        assertThat(RetryConditions.coversResponse(on(Condition.UNAVAILABLE), 200, headers)).isTrue();
        assertThat(RetryConditions.coversResponse(on(Condition.CANCELLED), 200, headers))
                .as("grpc-status 14 is unavailable, not cancelled").isFalse();
        assertThat(RetryConditions.coversResponse(RetryPolicy.ISTIO_DEFAULT, 200, headers))
                .as("Istio's default covers unavailable").isTrue();
    }

    @Test
    void attemptsZeroCoversNothing() {
        assertThat(RetryConditions.coversConnectFailure(RetryPolicy.NONE)).isFalse();
        assertThat(RetryConditions.coversResponse(RetryPolicy.NONE, 503, NONE)).isFalse();
    }

    @Test
    void backoffCeilingGrowsExponentiallyUpToTenTimesTheBase() {
        RetryPolicy policy = RetryPolicy.ISTIO_DEFAULT;
        assertThat(RetryBudget.backoffCeiling(policy, 1).toMillis()).isEqualTo(25);
        assertThat(RetryBudget.backoffCeiling(policy, 2).toMillis()).isEqualTo(75);
        assertThat(RetryBudget.backoffCeiling(policy, 3).toMillis()).isEqualTo(175);
        assertThat(RetryBudget.backoffCeiling(policy, 4).toMillis()).as("capped at 10 × 25 ms").isEqualTo(250);
    }

    @Test
    void backoffIsAUniformDrawBelowTheCeiling() {
        RetryBudget budget = new RetryBudget(RetryPolicy.ISTIO_DEFAULT);
        int[] bounds = new int[2];
        long first = budget.takeRetry(bound -> {
            bounds[0] = bound;
            return bound - 1;
        });
        long second = budget.takeRetry(bound -> {
            bounds[1] = bound;
            return 0;
        });
        assertThat(bounds).as("draws in microseconds below 25 ms, then 75 ms").containsExactly(25_000, 75_000);
        assertThat(first).isEqualTo(24_999_000L);
        assertThat(second).isZero();
        assertThat(budget.hasRetryLeft()).as("Istio's default allows 2 retries").isFalse();
    }
}
