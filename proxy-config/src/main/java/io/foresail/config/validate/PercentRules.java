package io.foresail.config.validate;

import io.foresail.config.model.Percent;
import java.util.Optional;

/** Istio's {@code validatePercentage} for fault percentages: 0, or 0.0001 to 100. */
final class PercentRules {

    private PercentRules() {
    }

    static void check(Optional<Percent> percentage, String path, ResourceFindings findings) {
        percentage.ifPresent(written -> {
            double value = written.value();
            if (value < 0 || value > 100 || (value > 0 && value < 0.0001)) {
                findings.error(path, "percentage " + GoFormat.shortest(value) + " is neither 0.0, nor in range [0.0001, 100.0]");
            }
        });
    }
}
