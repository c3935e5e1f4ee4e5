package io.foresail.core.cli;

/** A command line that cannot be run: the message is the one-line reason shown above the usage. */
final class UsageException extends Exception {

    UsageException(String reason) {
        super(reason, null, false, false);
    }
}
