package io.foresail.config.yaml;

import io.foresail.config.model.Percent;
import java.util.Optional;

/** Binds Istio's {@code Percent} ({@code {value: double}}). */
final class PercentReader {

    private PercentReader() {
    }

    /** The {@code key} field of {@code owner} as a {@code Percent}; {@code {}} reads as 0. */
    static Optional<Percent> read(MappingReader owner, String key) {
        return owner.object(key, percent -> new Percent(percent.number("value").orElse(0)));
    }
}
