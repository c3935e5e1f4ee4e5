package io.foresail.core.proxy;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import java.security.cert.CertificateException;
import java.security.cert.CertPathValidatorException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Tells the TLS failures a connection's peer causes (a refused handshake, a record that does not
 * decrypt or is not TLS) from bugs. Netty's {@code SslHandler} reports them as an
 * {@link SSLException}, usually wrapped in a {@link DecoderException}, or as a
 * {@link NotSslRecordException}; none of them is an {@link java.io.IOException}. They are expected
 * network failures: counted, never logged with a stack trace.
 */
public final class TlsFailures {

    /** Why a TLS failure happened, as a metric tag can say it: a bounded set, never the message. */
    public enum Reason {
        /** Bytes that are not TLS where a TLS record was expected. */
        NOT_TLS("not_tls"),
        /** A handshake refused over a certificate: missing, untrusted, expired or revoked (Envoy's {@code fail_verify_*}). */
        CERTIFICATE("certificate"),
        /** Any other refused handshake: no common version or cipher suite, a bad message, a timeout. */
        HANDSHAKE("handshake"),
        /** After the handshake: a record that does not decrypt or verify. */
        RECORD("record");

        private final String tag;

        Reason(String tag) {
            this.tag = tag;
        }

        /** The {@code reason} tag value. */
        public String tag() {
            return tag;
        }
    }

    private TlsFailures() {
    }

    /** Why {@code cause}, a {@linkplain #isTlsFailure TLS failure}, happened. */
    public static Reason reason(Throwable cause) {
        Throwable shown = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (shown instanceof NotSslRecordException) {
            return Reason.NOT_TLS;
        }
        Throwable link = shown;
        for (int depth = 0; link != null && depth < 8; depth++, link = link.getCause()) {
            if (link instanceof CertificateException || link instanceof CertPathValidatorException
                    || (link.getMessage() != null && link.getMessage().toLowerCase(Locale.ROOT).contains("certificate"))) {
                return Reason.CERTIFICATE;
            }
        }
        return shown instanceof SSLHandshakeException ? Reason.HANDSHAKE : Reason.RECORD;
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
