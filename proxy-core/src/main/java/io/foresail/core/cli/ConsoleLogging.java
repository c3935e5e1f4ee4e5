package io.foresail.core.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * The proxy's own log: one line per event on stderr, as text ({@link TextLogFormatter}) or JSON
 * lines ({@link JsonLogFormatter}), from {@code --log-format}; levels from {@code --log-level} and
 * admin {@code POST /logging}. Netty logs warnings and above unless the level asks for less.
 * Installed by {@link Main} before anything logs, with {@link ShutdownSafeLogManager} so that the
 * lines of the shutdown hook are still written; tests keep the JDK's default.
 */
final class ConsoleLogging {

    static final String MANAGER_PROPERTY = "java.util.logging.manager";

    private static volatile ConsoleHandler handler;
    /**
     * Held here: JUL holds loggers weakly, and a collected one loses its level. Not a static
     * initialiser: nothing may touch JUL before {@link #install} named the log manager.
     */
    private static Logger netty;

    private ConsoleLogging() {
    }

    /** Text at info, until {@link #configure} says otherwise; call it once, first thing. */
    static synchronized void install() {
        if (handler != null) {
            return;
        }
        if (System.getProperty(MANAGER_PROPERTY) == null) {
            System.setProperty(MANAGER_PROPERTY, ShutdownSafeLogManager.class.getName());
        }
        LogManager manager = LogManager.getLogManager();
        manager.reset();
        netty = Logger.getLogger("io.netty");
        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(Level.ALL);
        console.setFormatter(LogFormat.TEXT.formatter());
        Logger.getLogger("").addHandler(console);
        handler = console;
        setLevel(Level.INFO);
        if (manager instanceof ShutdownSafeLogManager safe) {
            safe.keepHandlers();
        }
    }

    /** Applies {@code --log-format} and {@code --log-level}. */
    static synchronized void configure(LogFormat format, Level level) {
        install();
        handler.setFormatter(format.formatter());
        setLevel(level);
    }

    /** Writes out what the console handler holds (it flushes every record; this is for the very end). */
    static void flush() {
        ConsoleHandler console = handler;
        if (console != null) {
            console.flush();
        }
    }

    private static void setLevel(Level level) {
        Logger.getLogger("").setLevel(level);
        netty.setLevel(level.intValue() > Level.WARNING.intValue() ? level : Level.WARNING);
    }
}
