package io.foresail.core.cli;

import java.util.logging.Level;
import java.util.logging.Logger;
import sun.misc.Signal;

/**
 * The second SIGTERM or SIGINT. The first one starts the JVM's shutdown, whose hook drains the
 * proxy; while the hooks run the JVM ignores further signals (its own handler waits for the hooks
 * to finish), so {@link Main}'s hook calls {@link #onNext} to make the next one stop at once.
 * Uses {@code sun.misc.Signal} (module {@code jdk.unsupported}): the JDK has no other way to see a
 * signal during shutdown.
 */
final class StopSignals {

    private static final Logger LOG = Logger.getLogger(StopSignals.class.getName());

    private StopSignals() {
    }

    /** Runs {@code action} on the signal thread when the next SIGTERM or SIGINT arrives. */
    static void onNext(Runnable action) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    LOG.info("SIG" + name + " again: stopping at once");
                    action.run();
                });
            } catch (IllegalArgumentException e) {
                LOG.log(Level.WARNING, "cannot handle SIG" + name + ": a second one will not cut the drain short", e);
            }
        }
    }
}
