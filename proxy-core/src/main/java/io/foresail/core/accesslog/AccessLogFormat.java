package io.foresail.core.accesslog;

import io.foresail.core.proxy.ExchangeOutcome;
import java.util.Locale;

/**
 * How an access-log line is written ({@code --access-log}): Istio's default text format or its
 * JSON encoding, with the same fields.
 */
public enum AccessLogFormat {
    /** Istio's {@code EnvoyTextLogFormat}. */
    TEXT("text") {
        @Override
        void append(ExchangeOutcome outcome, LineBuffer line) {
            TextLines.append(outcome, line);
        }
    },
    /** Istio's {@code accessLogEncoding: JSON}: its keys, sorted, numbers as numbers. */
    JSON("json") {
        @Override
        void append(ExchangeOutcome outcome, LineBuffer line) {
            JsonLines.append(outcome, line);
        }
    };

    private final String flag;

    AccessLogFormat(String flag) {
        this.flag = flag;
    }

    /** The name used on the command line. */
    public String flag() {
        return flag;
    }

    /** Appends the line of {@code outcome}, newline included. */
    abstract void append(ExchangeOutcome outcome, LineBuffer line);

    /** @throws IllegalArgumentException for a name that is neither {@code text} nor {@code json} */
    public static AccessLogFormat fromFlag(String value) {
        String name = value.trim().toLowerCase(Locale.ROOT);
        for (AccessLogFormat format : values()) {
            if (format.flag.equals(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException("access log format: " + value + " (expected: text or json)");
    }
}
