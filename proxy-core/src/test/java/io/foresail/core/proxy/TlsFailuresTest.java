package io.foresail.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class TlsFailuresTest {

    private static Throwable decoding(Throwable cause) {
        return new DecoderException(cause);
    }

    @Test
    void bytesThatAreNotTlsAreNotTls() {
        assertThat(TlsFailures.reason(new NotSslRecordException("not an SSL/TLS record: 474554")))
                .isEqualTo(TlsFailures.Reason.NOT_TLS);
    }

    @Test
    void untrustedClientCertificateIsACertificateFailure() {
        SSLHandshakeException refused = new SSLHandshakeException("PKIX path validation failed");
        refused.initCause(new CertificateException("unable to find valid certification path"));

        assertThat(TlsFailures.reason(decoding(refused))).as("JDK: a CertificateException under the handshake failure")
                .isEqualTo(TlsFailures.Reason.CERTIFICATE);
    }

    @Test
    void missingClientCertificateIsACertificateFailure() {
        assertThat(TlsFailures.reason(decoding(new SSLHandshakeException(
                "error:10000418:SSL routines:OPENSSL_internal:PEER_DID_NOT_RETURN_A_CERTIFICATE"))))
                .as("BoringSSL names it in the message only").isEqualTo(TlsFailures.Reason.CERTIFICATE);
    }

    @Test
    void noCommonCipherSuiteIsAHandshakeFailure() {
        assertThat(TlsFailures.reason(decoding(new SSLHandshakeException("no cipher suites in common"))))
                .isEqualTo(TlsFailures.Reason.HANDSHAKE);
    }

    @Test
    void recordThatDoesNotDecryptIsARecordFailure() {
        assertThat(TlsFailures.reason(decoding(new SSLException("bad record MAC"))))
                .as("an SSLException that is not a handshake failure").isEqualTo(TlsFailures.Reason.RECORD);
    }
}
