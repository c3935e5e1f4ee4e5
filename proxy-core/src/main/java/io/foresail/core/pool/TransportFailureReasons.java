package io.foresail.core.pool;

import io.netty.handler.ssl.NotSslRecordException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Envoy's "transport failure reason" for an upstream connection whose TLS handshake failed, as it
 * appears in Envoy's 503 body ({@code ..., transport failure reason: TLS_error:|268435581:SSL
 * routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:TLS_error_end}): the BoringSSL error, packed
 * code and name. The OpenSSL engine reports BoringSSL errors as such; the JDK engine's failures are
 * mapped to the BoringSSL error Envoy reports for the same cause.
 */
public final class TransportFailureReasons {

    /** BoringSSL packs errors of the SSL library as {@code 16 << 24 | reason}. */
    private static final long SSL_LIBRARY = 16L << 24;
    private static final int CERTIFICATE_VERIFY_FAILED = 125;
    private static final int WRONG_VERSION_NUMBER = 247;
    /** BoringSSL's reason for a received alert is 1000 + the alert's code. */
    private static final int ALERT_BASE = 1000;

    /** Alerts by their JDK name ({@code Received fatal alert: bad_certificate}), with their BoringSSL reason names. */
    private static final Map<String, Alert> ALERTS = Map.ofEntries(
            Map.entry("handshake_failure", new Alert(40, "SSLV3_ALERT_HANDSHAKE_FAILURE")),
            Map.entry("bad_certificate", new Alert(42, "SSLV3_ALERT_BAD_CERTIFICATE")),
            Map.entry("unsupported_certificate", new Alert(43, "SSLV3_ALERT_UNSUPPORTED_CERTIFICATE")),
            Map.entry("certificate_revoked", new Alert(44, "SSLV3_ALERT_CERTIFICATE_REVOKED")),
            Map.entry("certificate_expired", new Alert(45, "SSLV3_ALERT_CERTIFICATE_EXPIRED")),
            Map.entry("certificate_unknown", new Alert(46, "SSLV3_ALERT_CERTIFICATE_UNKNOWN")),
            Map.entry("illegal_parameter", new Alert(47, "SSLV3_ALERT_ILLEGAL_PARAMETER")),
            Map.entry("unknown_ca", new Alert(48, "TLSV1_ALERT_UNKNOWN_CA")),
            Map.entry("access_denied", new Alert(49, "TLSV1_ALERT_ACCESS_DENIED")),
            Map.entry("decrypt_error", new Alert(51, "TLSV1_ALERT_DECRYPT_ERROR")),
            Map.entry("protocol_version", new Alert(70, "TLSV1_ALERT_PROTOCOL_VERSION")),
            Map.entry("insufficient_security", new Alert(71, "TLSV1_ALERT_INSUFFICIENT_SECURITY")),
            Map.entry("internal_error", new Alert(80, "TLSV1_ALERT_INTERNAL_ERROR")),
            Map.entry("unrecognized_name", new Alert(112, "TLSV1_ALERT_UNRECOGNIZED_NAME")),
            Map.entry("certificate_required", new Alert(116, "TLSV1_ALERT_CERTIFICATE_REQUIRED")),
            Map.entry("no_application_protocol", new Alert(120, "TLSV1_ALERT_NO_APPLICATION_PROTOCOL")));

    /** An OpenSSL/BoringSSL error string: {@code error:1000007d:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED}. */
    private static final Pattern OPENSSL_ERROR =
            Pattern.compile("error:([0-9a-fA-F]{1,8}):([^:]+):([^:]+):([A-Za-z0-9_]+)");
    private static final Pattern RECEIVED_ALERT = Pattern.compile("Received fatal alert: ([a-z_]+)");

    private record Alert(int code, String reasonName) {
    }

    private TransportFailureReasons() {
    }

    /**
     * The transport failure reason for a connect that failed with {@code failure}, or empty when
     * the failure is not a recognised TLS error (a refused or timed-out connect has none).
     */
    public static String of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String message = cause.getMessage() == null ? "" : cause.getMessage();
            Matcher openSsl = OPENSSL_ERROR.matcher(message);
            if (openSsl.find()) {
                return format(Long.parseLong(openSsl.group(1), 16), openSsl.group(2), openSsl.group(3), openSsl.group(4));
            }
            if (cause instanceof CertificateException || cause instanceof CertPathValidatorException
                    || cause instanceof CertPathBuilderException) {
                return ssl(CERTIFICATE_VERIFY_FAILED, "CERTIFICATE_VERIFY_FAILED");
            }
            if (cause instanceof NotSslRecordException
                    || message.toLowerCase(Locale.ROOT).contains("unrecognized ssl message")) {
                return ssl(WRONG_VERSION_NUMBER, "WRONG_VERSION_NUMBER");
            }
            Matcher received = RECEIVED_ALERT.matcher(message);
            if (received.find()) {
                Alert alert = ALERTS.get(received.group(1));
                if (alert != null) {
                    return ssl(ALERT_BASE + alert.code(), alert.reasonName());
                }
            }
        }
        return "";
    }

    private static String ssl(int reason, String reasonName) {
        return format(SSL_LIBRARY | reason, "SSL routines", "OPENSSL_internal", reasonName);
    }

    private static String format(long packed, String library, String function, String reasonName) {
        return "TLS_error:|" + packed + ":" + library + ":" + function + ":" + reasonName + ":TLS_error_end";
    }
}
