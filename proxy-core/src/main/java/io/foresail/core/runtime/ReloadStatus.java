package io.foresail.core.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the config reloader last did, for the admin {@code /reload_status}.
 *
 * @param version     the served snapshot's version
 * @param contentHash the served table's content hash
 * @param loadedAt    when the served config was loaded
 * @param sources     the files the served config was read from, in load order
 * @param lastError   the errors of the last rejected config, when one was rejected since
 * @param rejectedAt  when that was
 * @param listenerErrors what the listeners could not follow when the served config was published:
 *                    one line per Gateway port that could not be bound, naming the port and the reason
 * @param reloadDuration how long the reload that published the served config took, from the start of
 *                    reading its files to the snapshot's publication (the listeners follow after);
 *                    empty for the config loaded at start
 */
public record ReloadStatus(long version, String contentHash, Instant loadedAt, List<String> sources,
                           List<String> lastError, Optional<Instant> rejectedAt, List<String> listenerErrors,
                           Optional<Duration> reloadDuration) {

    public ReloadStatus {
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(loadedAt, "loadedAt");
        sources = List.copyOf(sources);
        lastError = List.copyOf(lastError);
        Objects.requireNonNull(rejectedAt, "rejectedAt");
        listenerErrors = List.copyOf(listenerErrors);
        Objects.requireNonNull(reloadDuration, "reloadDuration");
    }

    ReloadStatus loaded(ProxySnapshot snapshot, Duration took) {
        return new ReloadStatus(snapshot.version(), snapshot.table().contentHash(), snapshot.origin().loadedAt(),
                snapshot.origin().sources(), lastError, rejectedAt, List.of(), Optional.of(took));
    }

    ReloadStatus withListenerErrors(List<String> errors) {
        return new ReloadStatus(version, contentHash, loadedAt, sources, lastError, rejectedAt, errors, reloadDuration);
    }

    ReloadStatus rejected(List<String> errors, Instant at) {
        return new ReloadStatus(version, contentHash, loadedAt, sources, errors, Optional.of(at), listenerErrors,
                reloadDuration);
    }
}
