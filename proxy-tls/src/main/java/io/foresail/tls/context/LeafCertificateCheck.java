package io.foresail.tls.context;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/** A condition on the peer's leaf certificate, checked after its chain has been verified. */
sealed interface LeafCertificateCheck permits AcceptedSubjectAltNames, CertificatePins {

    /** Returns when {@code leaf} passes; throws naming what it carries and what was expected otherwise. */
    void check(X509Certificate leaf) throws CertificateException;
}
