package io.foresail.core.admin;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;

/**
 * Envoy's log level names ({@code --log-level}, admin {@code /logging}) and the
 * {@code java.util.logging} levels they stand for: trace FINEST, debug FINE, info INFO,
 * warning (or warn) WARNING, error and critical SEVERE (JUL has nothing above it), off OFF.
 */
public final class LogLevels {

    /** The names {@link #parse} accepts, most verbose first ({@code warn} is also accepted). */
    public static final List<String> NAMES = List.of("trace", "debug", "info", "warning", "error", "critical", "off");

    private LogLevels() {
    }

    /** The JUL level of Envoy level {@code name} (any case), empty for a name Envoy does not have. */
    public static Optional<Level> parse(String name) {
        return Optional.ofNullable(switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "trace" -> Level.FINEST;
            case "debug" -> Level.FINE;
            case "info" -> Level.INFO;
            case "warning", "warn" -> Level.WARNING;
            case "error", "critical" -> Level.SEVERE;
            case "off" -> Level.OFF;
            default -> null;
        });
    }

    /** The Envoy name of JUL level {@code level}: FINER and below trace, FINE and CONFIG debug, SEVERE error. */
    public static String nameOf(Level level) {
        int value = level.intValue();
        if (value == Level.OFF.intValue()) {
            return "off";
        }
        if (value <= Level.FINER.intValue()) {
            return "trace";
        }
        if (value <= Level.CONFIG.intValue()) {
            return "debug";
        }
        if (value <= Level.INFO.intValue()) {
            return "info";
        }
        return value <= Level.WARNING.intValue() ? "warning" : "error";
    }

    /** {@code what: value (expected: trace, debug, ...)}. */
    static String unknown(String what, String value) {
        return what + ": " + value + " (expected: one of " + String.join(", ", NAMES) + ", or warn)";
    }
}
