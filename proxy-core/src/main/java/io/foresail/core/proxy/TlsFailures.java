package io.foresail.core.proxy;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import javax.net.ssl.SSLException;

/**
 * Tells the TLS failures a connection's peer causes (a refused handshake, a record that does not
 * decrypt or is not TLS) from bugs. Netty's {@code SslHandler} reports them as an
 * {@link SSLException}, usually wrapped in a {@link DecoderException}, or as a
 * {@link NotSslRecordException}; none of them is an {@link java.io.IOException}. They are expected
 * network failures: counted, never logged with a stack trace.
 */
public final class TlsFailures {

    private TlsFailures() {
    }

    /** Whether {@code cause} is a TLS failure of the connection rather than a bug. */
    public static boolean isTlsFailure(Throwable cause) {
        return cause instanceof SSLException
                || cause instanceof NotSslRecordException
                || (cause instanceof DecoderException && cause.getCause() instanceof SSLException);
    }

    /** One line for a debug log: the exception's class and message, never its stack. */
    public static String describe(Throwable cause) {
        Throwable shown = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        return shown.getClass().getSimpleName() + ": " + shown.getMessage();
    }
}
