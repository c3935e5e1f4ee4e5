package io.foresail.tls.context;

import io.foresail.config.table.TlsVersion;
import java.util.ArrayList;
import java.util.List;

/** Protocol names (as JSSE and Netty spell them) between Istio's min and max versions. */
final class TlsProtocols {

    private static final List<TlsVersion> ORDER = List.of(TlsVersion.TLSV1_0, TlsVersion.TLSV1_1, TlsVersion.TLSV1_2, TlsVersion.TLSV1_3);
    private static final List<String> NAMES = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    private TlsProtocols() {
    }

    /**
     * The protocols from {@code min} ({@code TLS_AUTO}: TLS 1.2) to {@code max} ({@code TLS_AUTO}:
     * TLS 1.3). TLS 1.0 and 1.1 only when asked for, with a warning; min above max is an error.
     */
    static List<String> between(TlsVersion min, TlsVersion max, Problems problems) {
        int from = ORDER.indexOf(min == TlsVersion.TLS_AUTO ? TlsVersion.TLSV1_2 : min);
        int to = ORDER.indexOf(max == TlsVersion.TLS_AUTO ? TlsVersion.TLSV1_3 : max);
        if (from > to) {
            problems.error(null, "minProtocolVersion: " + min + " is above maxProtocolVersion " + max);
            return List.of();
        }
        List<String> protocols = new ArrayList<>(NAMES.subList(from, to + 1));
        if (from < ORDER.indexOf(TlsVersion.TLSV1_2)) {
            problems.warning(null, "minProtocolVersion: " + min + " enables obsolete protocols " + NAMES.subList(from, ORDER.indexOf(TlsVersion.TLSV1_2))
                    + " (the JDK provider refuses them unless java.security jdk.tls.disabledAlgorithms allows them)");
        }
        return List.copyOf(protocols);
    }
}
