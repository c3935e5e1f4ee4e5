package io.foresail.core.pool;

import io.foresail.config.table.HostNames;
import io.foresail.config.table.UpstreamTlsSettings;
import io.netty.util.NetUtil;
import java.util.Objects;
import javax.net.ssl.SNIHostName;

/**
 * The TLS half of a {@link PoolKey}: what makes two TLS connections to one address
 * interchangeable. Connections are only shared when they sent the same SNI and were made with the
 * same client certificate and the same verification settings, all of which {@code settings}
 * carries (client certificate files, trusted CAs, accepted subject alt names, insecure skip verify).
 *
 * @param serverName the SNI sent in the ClientHello, or empty when none is sent (no host, or an IP literal)
 * @param settings   the cluster's TLS origination settings, as the snapshot's table holds them
 */
public record TlsIdentity(String serverName, UpstreamTlsSettings settings) {

    public TlsIdentity {
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(settings, "settings");
    }

    /**
     * The identity of a connection made with {@code settings} for a request with {@code host}:
     * the configured SNI when there is one, else the host without its port (Istio's auto SNI).
     * An IP literal, or a name the TLS engine refuses as SNI (RFC 6066 §3), is not sent: no SNI then.
     *
     * @param host the request's Host header as sent upstream, or {@code null}
     */
    public static TlsIdentity of(UpstreamTlsSettings settings, String host) {
        String serverName = settings.sni().isEmpty() ? HostNames.normalise(host) : settings.sni();
        if (serverName.startsWith("[") || NetUtil.isValidIpV4Address(serverName) || NetUtil.isValidIpV6Address(serverName)
                || !isSendable(serverName)) {
            serverName = "";
        }
        return new TlsIdentity(serverName, settings);
    }

    /** Whether the TLS engine accepts {@code serverName} as an SNI host name (RFC 6066: an ASCII DNS name). */
    private static boolean isSendable(String serverName) {
        if (serverName.isEmpty()) {
            return true;
        }
        try {
            new SNIHostName(serverName);
            return true;
        } catch (IllegalArgumentException notAHostName) {
            return false;
        }
    }

    /**
     * Whether the upstream certificate is checked against the SNI host name (HTTPS endpoint
     * identification), as Envoy does when it auto-verifies SNI: no subject alt names configured
     * and verification not skipped.
     */
    public boolean verifiesServerName() {
        return settings.subjectAltNames().isEmpty() && !settings.insecureSkipVerify();
    }

    @Override
    public String toString() {
        return "tls(sni=" + (serverName.isEmpty() ? "none" : serverName) + ")";
    }
}
