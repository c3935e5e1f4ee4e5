package io.foresail.core.cli;

import java.util.List;

/**
 * Walks command-line arguments, splitting {@code --flag=value} so that callers see flags and
 * values in turn whichever form was used.
 */
final class FlagReader {

    private final List<String> args;
    private int index;
    private String pendingValue;
    private String currentFlag;

    FlagReader(List<String> args) {
        this.args = List.copyOf(args);
    }

    boolean hasNext() {
        return index < args.size();
    }

    String next() {
        String arg = args.get(index++);
        int equals = arg.indexOf('=');
        if (arg.startsWith("--") && equals > 0) {
            currentFlag = arg.substring(0, equals);
            pendingValue = arg.substring(equals + 1);
        } else {
            currentFlag = arg;
            pendingValue = null;
        }
        return currentFlag;
    }

    /** The value of the flag just read by {@link #next()}. */
    String value() throws UsageException {
        if (pendingValue != null) {
            String value = pendingValue;
            pendingValue = null;
            return value;
        }
        if (index >= args.size() || args.get(index).startsWith("--")) {
            throw new UsageException(currentFlag + ": missing value");
        }
        return args.get(index++);
    }
}
