package io.foresail.config.validate;

import java.time.Duration;

/** Istio's {@code ValidateDuration}: at least 1ms, in whole milliseconds. */
final class DurationRules {

    private DurationRules() {
    }

    static void check(Duration duration, String path, ResourceFindings findings) {
        if (duration.compareTo(Duration.ofMillis(1)) < 0) {
            findings.error(path, "duration must be greater than 1ms");
        } else if (duration.getNano() % 1_000_000 != 0) {
            findings.error(path, "only durations to ms precision are supported");
        }
    }
}
