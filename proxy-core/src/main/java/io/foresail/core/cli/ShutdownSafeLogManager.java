package io.foresail.core.cli;

import java.util.logging.LogManager;

/**
 * The JVM's {@link LogManager} while the proxy runs ({@link ConsoleLogging} names it in
 * {@code java.util.logging.manager} before anything logs). The JDK's own shutdown hook resets the
 * log manager, which removes every handler, and it runs at the same time as the proxy's shutdown
 * hook: the drain's log lines would be lost. Once {@link #keepHandlers()} was called this manager
 * ignores resets, the shutdown one included; the console handler flushes every record, so skipping
 * that reset loses nothing.
 */
public final class ShutdownSafeLogManager extends LogManager {

    private volatile boolean keepHandlers;

    /** Called by {@link LogManager} itself, by name. */
    public ShutdownSafeLogManager() {
    }

    /** From now on {@link #reset()} does nothing. */
    void keepHandlers() {
        keepHandlers = true;
    }

    @Override
    public void reset() {
        if (!keepHandlers) {
            super.reset();
        }
    }
}
