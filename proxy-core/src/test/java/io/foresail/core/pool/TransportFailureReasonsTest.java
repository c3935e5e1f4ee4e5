package io.foresail.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import java.net.ConnectException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class TransportFailureReasonsTest {

    @Test
    void jdkCertificateFailureIsCertificateVerifyFailed() {
        SSLHandshakeException failure = new SSLHandshakeException("PKIX path building failed");
        failure.initCause(new CertificateException("No subject alternative DNS name matching x found"));

        assertThat(TransportFailureReasons.of(new DecoderException(failure)))
                .isEqualTo("TLS_error:|268435581:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:TLS_error_end");
    }

    @Test
    void openSslErrorIsReportedWithItsPackedCodeInDecimal() {
        SSLHandshakeException failure = new SSLHandshakeException(
                "error:100000f7:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER");

        assertThat(TransportFailureReasons.of(failure))
                .isEqualTo("TLS_error:|268435703:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER:TLS_error_end");
    }

    @Test
    void plaintextAnswerIsWrongVersionNumber() {
        assertThat(TransportFailureReasons.of(new DecoderException(new NotSslRecordException("not an SSL/TLS record"))))
                .isEqualTo("TLS_error:|268435703:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER:TLS_error_end");
    }

    @Test
    void receivedAlertIsReportedAsBoringSslAlertReason() {
        assertThat(TransportFailureReasons.of(new SSLHandshakeException("Received fatal alert: certificate_required")))
                .isEqualTo("TLS_error:|268436572:SSL routines:OPENSSL_internal:TLSV1_ALERT_CERTIFICATE_REQUIRED:TLS_error_end");
    }

    @Test
    void failureWithoutTlsErrorHasNoReason() {
        assertThat(TransportFailureReasons.of(new ConnectException("Connection refused"))).isEmpty();
    }
}
