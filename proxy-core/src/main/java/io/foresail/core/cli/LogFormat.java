package io.foresail.core.cli;

import java.util.Locale;
import java.util.logging.Formatter;

/** {@code --log-format}: how the proxy's own log lines (not access logs) are written to stderr. */
enum LogFormat {
    /** {@code 2026-11-21T22:30:00.123Z INFO RunningProxy: message}, one line per event. */
    TEXT,
    /** One JSON object per line: {@code time}, {@code level}, {@code logger}, {@code message}, {@code thrown}. */
    JSON;

    /** @throws IllegalArgumentException for anything but {@code text} or {@code json} (any case) */
    static LogFormat fromFlag(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("log format: " + value + " (expected: text or json)");
        };
    }

    Formatter formatter() {
        return this == TEXT ? new TextLogFormatter() : new JsonLogFormatter();
    }
}
