package io.foresail.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** The two {@code --log-format}s: one line per event, whatever the message and exception hold. */
class LogFormattersTest {

    private static LogRecord record(Level level, String message, Throwable thrown) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName("io.foresail.core.cli.RunningProxy");
        record.setInstant(Instant.parse("2026-11-21T22:30:00.123Z"));
        record.setThrown(thrown);
        return record;
    }

    private static IOException failure() {
        IOException failure = new IOException("disk \"full\"");
        failure.setStackTrace(new StackTraceElement[] {new StackTraceElement("io.foresail.X", "write", "X.java", 12)});
        return failure;
    }

    @Test
    void textLineHasTimeLevelShortLoggerAndMessage() {
        assertThat(new TextLogFormatter().format(record(Level.INFO, "foresail ready", null)))
                .isEqualTo("2026-11-21T22:30:00.123Z INFO RunningProxy: foresail ready\n");
    }

    @Test
    void textKeepsAnEventWithLineBreaksAndStackTraceOnOneLine() {
        String line = new TextLogFormatter().format(record(Level.WARNING, "first\nsecond", failure()));

        assertThat(line).as("line breaks inside the event are written as \\n")
                .isEqualTo("2026-11-21T22:30:00.123Z WARNING RunningProxy: first\\nsecond"
                        + " | java.io.IOException: disk \"full\"\\n\\tat io.foresail.X.write(X.java:12)\n");
    }

    @Test
    void jsonLineHasTimeLevelLoggerAndMessage() {
        assertThat(new JsonLogFormatter().format(record(Level.INFO, "foresail ready", null)))
                .as("no thrown without an exception")
                .isEqualTo("{\"time\":\"2026-11-21T22:30:00.123Z\",\"level\":\"INFO\","
                        + "\"logger\":\"io.foresail.core.cli.RunningProxy\",\"message\":\"foresail ready\"}\n");
    }

    @Test
    void jsonThrownHoldsTheEscapedStackTraceOnTheSameLine() {
        String line = new JsonLogFormatter().format(record(Level.SEVERE, "say \"no\"", failure()));

        assertThat(line).as("quotes and line breaks escaped, one line")
                .isEqualTo("{\"time\":\"2026-11-21T22:30:00.123Z\",\"level\":\"SEVERE\","
                        + "\"logger\":\"io.foresail.core.cli.RunningProxy\",\"message\":\"say \\\"no\\\"\","
                        + "\"thrown\":\"java.io.IOException: disk \\\"full\\\"\\n\\tat io.foresail.X.write(X.java:12)\"}\n");
    }

    @Test
    void messageParametersAreFilledIn() {
        LogRecord record = record(Level.INFO, "port {0} bound", null);
        record.setParameters(new Object[] {"8080"});

        assertThat(new JsonLogFormatter().format(record)).as("JUL's {0} parameters").contains("\"message\":\"port 8080 bound\"");
    }
}
