package io.foresail.config.validate;

import io.foresail.config.model.ClientTls;
import io.foresail.config.model.TrafficPolicy;
import java.util.Optional;
import java.util.Set;

/** Checks of a DestinationRule's {@code tls} blocks (ClientTLSSettings), after Istio's {@code ValidateTLS}. */
final class ClientTlsRules {

    private static final Set<String> MODES = Set.of("DISABLE", "SIMPLE", "MUTUAL", "ISTIO_MUTUAL");

    private ClientTlsRules() {
    }

    /** Checks the {@code tls} of {@code policy} (at {@code path}) and of each of its port-level settings. */
    static void checkPolicy(Optional<TrafficPolicy> policy, String path, ResourceFindings findings) {
        if (policy.isEmpty()) {
            return;
        }
        policy.get().tls().ifPresent(tls -> check(tls, path + ".tls", findings));
        for (int i = 0; i < policy.get().portLevelSettings().size(); i++) {
            TrafficPolicy.PortTrafficPolicy port = policy.get().portLevelSettings().get(i);
            String portPath = path + ".portLevelSettings[" + i + "]";
            if (port.port() == 0) {
                findings.error(portPath + ".port", "portTrafficPolicy must have valid port");
            }
            port.tls().ifPresent(tls -> check(tls, portPath + ".tls", findings));
        }
    }

    private static void check(ClientTls tls, String path, ResourceFindings findings) {
        String mode = tls.effectiveMode();
        if (!MODES.contains(mode)) {
            findings.error(path + ".mode", mode + " (expected: one of DISABLE, SIMPLE, MUTUAL, ISTIO_MUTUAL)");
            return;
        }
        if (mode.equals("ISTIO_MUTUAL")) {
            findings.error(path + ".mode", "ISTIO_MUTUAL is not supported: it presents the mesh workload "
                    + "certificate that istiod issues, and a standalone proxy has none (use MUTUAL with "
                    + "clientCertificate and privateKey, or credentialName)");
            return;
        }
        boolean files = !tls.clientCertificate().isEmpty() || !tls.privateKey().isEmpty()
                || !tls.caCertificates().isEmpty() || !tls.caCrl().isEmpty();
        if (!tls.credentialName().isEmpty() && files) {
            findings.error(path + ".credentialName",
                    "cannot specify client certificates or CA certificate or CA CRL If credentialName is set");
        }
        if (mode.equals("MUTUAL") && tls.credentialName().isEmpty()) {
            if (tls.clientCertificate().isEmpty()) {
                findings.error(path + ".clientCertificate", "client certificate required for mutual tls");
            }
            if (tls.privateKey().isEmpty()) {
                findings.error(path + ".privateKey", "private key required for mutual tls");
            }
        }
        if (tls.insecureSkipVerify() && (!tls.caCertificates().isEmpty() || !tls.subjectAltNames().isEmpty())) {
            findings.error(path + ".insecureSkipVerify",
                    "cannot set caCertificates or subjectAltNames when insecureSkipVerify is true");
        }
    }
}
