package io.foresail.config.table;

import io.foresail.config.model.Percent;
import java.util.Optional;

/** Istio's {@code Percent} (and the deprecated integer percentages) as {@link Percentage}s. */
final class Percentages {

    private Percentages() {
    }

    /** {@code written}, or {@code whenAbsent} when it was not written. */
    static Percentage of(Optional<Percent> written, Percentage whenAbsent) {
        return written.map(percent -> of(percent.value())).orElse(whenAbsent);
    }

    /** {@code percent} (validated to 0–100; clamped here so that compilation never fails on it). */
    static Percentage of(double percent) {
        return Percentage.ofPercent(Math.max(0, Math.min(100, percent)));
    }
}
