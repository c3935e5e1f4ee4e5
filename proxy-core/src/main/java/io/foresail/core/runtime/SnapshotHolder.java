package io.foresail.core.runtime;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * The one mutable reference of the data plane: the current {@link ProxySnapshot}. Request threads
 * read it without locks ({@link #current()}); the config thread replaces it whole ({@link #publish}).
 * What must be ready before a snapshot serves its first request (its meters) is applied by the
 * {@code beforePublish} hook, on the publishing thread, before the snapshot becomes visible.
 */
public final class SnapshotHolder {

    private final Consumer<ProxySnapshot> beforePublish;
    private volatile ProxySnapshot current;

    public SnapshotHolder(ProxySnapshot initial) {
        this(initial, snapshot -> { });
    }

    /** @param beforePublish runs with {@code initial} now and with every published snapshot before it is current */
    public SnapshotHolder(ProxySnapshot initial, Consumer<ProxySnapshot> beforePublish) {
        this.beforePublish = Objects.requireNonNull(beforePublish, "beforePublish");
        beforePublish.accept(Objects.requireNonNull(initial, "initial"));
        this.current = initial;
    }

    public ProxySnapshot current() {
        return current;
    }

    /** Publishes {@code next}; requests that already read the old snapshot finish on it. */
    public void publish(ProxySnapshot next) {
        Objects.requireNonNull(next, "next");
        beforePublish.accept(next);
        this.current = next;
    }
}
