package io.foresail.config.table;

/** A TLS protocol version bound as Istio writes it ({@code minProtocolVersion}, {@code maxProtocolVersion}). */
public enum TlsVersion {
    /** Not written: the proxy's default (minimum TLS 1.2, maximum TLS 1.3). */
    TLS_AUTO,
    TLSV1_0,
    TLSV1_1,
    TLSV1_2,
    TLSV1_3
}
