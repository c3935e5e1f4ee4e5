package io.foresail.core.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where a snapshot's config came from: when it was loaded and the files it was read from, in load
 * order. Certificate reloads keep the origin of the config they re-serve.
 *
 * @param loadedAt when the config was loaded
 * @param sources  the config files read, in load order
 */
public record ConfigOrigin(Instant loadedAt, List<String> sources) {

    /** The origin of a snapshot built without loading files (tests, benchmarks). */
    public static final ConfigOrigin UNKNOWN = new ConfigOrigin(Instant.EPOCH, List.of());

    public ConfigOrigin {
        Objects.requireNonNull(loadedAt, "loadedAt");
        sources = List.copyOf(sources);
    }
}
