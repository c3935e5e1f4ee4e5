package io.foresail.config.table;

import io.foresail.config.model.HttpRetry;
import io.foresail.config.validate.RetryOnTokens;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A route's {@code retries} as Istio's {@code retry.ConvertPolicy} builds Envoy's retry policy:
 * absent ⇒ {@link RetryPolicy#ISTIO_DEFAULT}; {@code attempts} 0 ⇒ {@link RetryPolicy#NONE};
 * otherwise the default with the written fields overriding it. A written {@code retryOn} replaces
 * the default conditions; its bare HTTP status codes become retriable status codes and add
 * {@code retriable-status-codes}.
 */
final class RetryPolicyTranslator {

    private RetryPolicyTranslator() {
    }

    static RetryPolicy translate(Optional<HttpRetry> written) {
        if (written.isEmpty()) {
            return RetryPolicy.ISTIO_DEFAULT;
        }
        HttpRetry retries = written.get();
        if (retries.attempts() <= 0) {
            return RetryPolicy.NONE;
        }
        Set<RetryPolicy.Condition> retryOn = RetryPolicy.ISTIO_DEFAULT.retryOn();
        Set<Integer> statusCodes = RetryPolicy.ISTIO_DEFAULT.retriableStatusCodes();
        if (!retries.retryOn().isEmpty()) {
            Set<RetryPolicy.Condition> conditions = EnumSet.noneOf(RetryPolicy.Condition.class);
            Set<Integer> codes = new LinkedHashSet<>();
            for (String part : retries.retryOn().split(",")) {
                String token = part.trim();
                OptionalInt code = RetryOnTokens.statusCode(token);
                if (code.isPresent()) {
                    codes.add(code.getAsInt());
                } else {
                    RetryPolicy.Condition.ofToken(token).ifPresent(conditions::add);
                }
            }
            if (!codes.isEmpty()) {
                conditions.add(RetryPolicy.Condition.RETRIABLE_STATUS_CODES);
            }
            retryOn = conditions;
            statusCodes = codes;
        }
        return new RetryPolicy(retries.attempts(), retries.perTryTimeout(), retryOn, statusCodes,
                retries.backoff().orElse(RetryPolicy.DEFAULT_BACKOFF), retries.retryRemoteLocalities().orElse(false),
                retries.retryIgnorePreviousHosts().orElse(true));
    }
}
