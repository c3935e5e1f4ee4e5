package io.foresail.core.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * {@code 2026-11-21T22:30:00.123Z INFO RunningProxy: message}: time (UTC), JUL level, the logger's
 * last name segment, the message. Exactly one line per event, so that a line-based collector never
 * splits one: a line break inside the message, or the stack trace of the event's exception
 * (appended after {@code  | }), is written as {@code \n} and a tab as {@code \t}.
 */
final class TextLogFormatter extends Formatter {

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(160)
                .append(record.getInstant()).append(' ')
                .append(record.getLevel().getName()).append(' ')
                .append(shortName(record.getLoggerName())).append(": ");
        appendEscaped(line, formatMessage(record));
        if (record.getThrown() != null) {
            line.append(" | ");
            appendEscaped(line, stackTrace(record.getThrown()).stripTrailing());
        }
        return line.append('\n').toString();
    }

    /** The stack trace as {@link Throwable#printStackTrace()} prints it. */
    static String stackTrace(Throwable thrown) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    private static void appendEscaped(StringBuilder line, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> line.append("\\n");
                case '\r' -> {
                    // the \n of a \r\n says it
                }
                case '\t' -> line.append("\\t");
                default -> line.append(c);
            }
        }
    }

    private static String shortName(String logger) {
        if (logger == null) {
            return "-";
        }
        int dot = logger.lastIndexOf('.');
        return dot < 0 ? logger : logger.substring(dot + 1);
    }
}
