package io.foresail.config.validate;

import io.foresail.config.model.HttpRetry;

/** Istio's {@code validateHTTPRetry}. */
final class RetryRules {

    private RetryRules() {
    }

    static void check(HttpRetry retries, String path, ResourceFindings findings) {
        if (retries.attempts() < 0) {
            findings.error(path + ".attempts", "attempts cannot be negative");
        }
        if (retries.attempts() == 0 && (retries.perTryTimeout().isPresent() || !retries.retryOn().isEmpty()
                || retries.retryRemoteLocalities().isPresent())) {
            findings.error(path, "http retry policy configured when attempts are set to 0 (disabled)");
        }
        retries.perTryTimeout().ifPresent(timeout -> DurationRules.check(timeout, path + ".perTryTimeout", findings));
        if (!retries.retryOn().isEmpty()) {
            for (String policy : retries.retryOn().split(",", -1)) {
                if (!RetryOnTokens.isValid(policy)) {
                    findings.error(path + ".retryOn", GoFormat.quoted(policy) + " is not a valid retryOn policy");
                }
            }
        }
        retries.backoff().ifPresent(backoff -> DurationRules.check(backoff, path + ".backoff", findings));
    }
}
