package io.foresail.core.runtime;

import java.util.Objects;

/**
 * The one mutable reference of the data plane: the current {@link ProxySnapshot}. Request threads
 * read it without locks ({@link #current()}); the config thread replaces it whole ({@link #publish}).
 */
public final class SnapshotHolder {

    private volatile ProxySnapshot current;

    public SnapshotHolder(ProxySnapshot initial) {
        this.current = Objects.requireNonNull(initial, "initial");
    }

    public ProxySnapshot current() {
        return current;
    }

    /** Publishes {@code next}; requests that already read the old snapshot finish on it. */
    public void publish(ProxySnapshot next) {
        this.current = Objects.requireNonNull(next, "next");
    }
}
