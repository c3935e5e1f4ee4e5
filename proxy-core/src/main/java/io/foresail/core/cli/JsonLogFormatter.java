package io.foresail.core.cli;

import io.foresail.core.admin.JsonText;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One JSON object per line: {@code time} (ISO-8601 UTC), {@code level} (JUL's name: {@code INFO},
 * {@code WARNING}, {@code SEVERE}, {@code FINE}, ...), {@code logger} (the full name),
 * {@code message}, and {@code thrown} (the stack trace) only when the event has an exception.
 */
final class JsonLogFormatter extends Formatter {

    @Override
    public String format(LogRecord record) {
        JsonText json = new JsonText().beginObject()
                .field("time", record.getInstant().toString())
                .field("level", record.getLevel().getName())
                .field("logger", record.getLoggerName() == null ? "" : record.getLoggerName())
                .field("message", String.valueOf(formatMessage(record)));
        if (record.getThrown() != null) {
            json.field("thrown", TextLogFormatter.stackTrace(record.getThrown()).stripTrailing());
        }
        return json.endObject().toString();
    }
}
