package io.foresail.config.table;

import io.foresail.config.model.ConfigCodes;
import io.foresail.config.model.ClientTls;
import io.foresail.config.model.DestinationRule;
import io.foresail.config.model.Subset;
import io.foresail.config.model.TrafficPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The upstream TLS of a cluster from its DestinationRules' {@code tls} blocks, with Istio's
 * precedence (ISTIO-API §5.1, {@code MergeSubsetTrafficPolicy}): the top-level {@code tls} of the
 * first rule that has a traffic policy, replaced by its {@code portLevelSettings} entry for the
 * cluster port when there is one; then, for a subset, the subset policy's {@code tls} when
 * written, and its own port-level entry for the cluster port whenever there is one (replacing
 * even without {@code tls}). {@code DISABLE} means plaintext.
 */
final class UpstreamTlsTranslator {

    /**
     * The {@code tls} block that applies, and where it was written.
     *
     * @param portLevel true when it comes from a {@code portLevelSettings} entry, which replaces
     *                  rather than overlays (an entry without {@code tls} means none)
     */
    private record Chosen(DestinationRule rule, String path, Optional<ClientTls> tls, boolean portLevel) {
    }

    private final CompileContext context;
    private final SecretFolders secrets;

    UpstreamTlsTranslator(CompileContext context, SecretFolders secrets) {
        this.context = context;
        this.secrets = secrets;
    }

    Optional<UpstreamTlsSettings> translate(String host, int port, String subsetName) {
        List<DestinationRule> rules = context.registry().rules(host);
        Chosen chosen = null;
        for (DestinationRule rule : rules) {
            if (rule.trafficPolicy().isPresent()) {
                chosen = forPort(rule, "spec.trafficPolicy", rule.trafficPolicy().get(), port);
                break;
            }
        }
        if (!subsetName.isEmpty()) {
            Chosen subsetChoice = subsetPolicy(rules, subsetName, port);
            if (subsetChoice != null && (subsetChoice.portLevel() || subsetChoice.tls().isPresent())) {
                chosen = subsetChoice;
            }
        }
        if (chosen == null || chosen.tls().isEmpty()) {
            return Optional.empty();
        }
        return settings(chosen.rule(), chosen.path(), chosen.tls().get());
    }

    private static Chosen subsetPolicy(List<DestinationRule> rules, String subsetName, int port) {
        for (DestinationRule rule : rules) {
            for (int i = 0; i < rule.subsets().size(); i++) {
                Subset subset = rule.subsets().get(i);
                if (subset.name().equals(subsetName)) {
                    String path = "spec.subsets[" + i + "].trafficPolicy";
                    return subset.trafficPolicy().map(policy -> forPort(rule, path, policy, port)).orElse(null);
                }
            }
        }
        return null;
    }

    /** The policy's {@code tls}, or its port-level entry's for {@code port} (even when that has none). */
    private static Chosen forPort(DestinationRule rule, String path, TrafficPolicy policy, int port) {
        for (int i = 0; i < policy.portLevelSettings().size(); i++) {
            TrafficPolicy.PortTrafficPolicy portPolicy = policy.portLevelSettings().get(i);
            if (portPolicy.port() == port) {
                return new Chosen(rule, path + ".portLevelSettings[" + i + "].tls", portPolicy.tls(), true);
            }
        }
        return new Chosen(rule, path + ".tls", policy.tls(), false);
    }

    private Optional<UpstreamTlsSettings> settings(DestinationRule rule, String path, ClientTls tls) {
        String mode = tls.effectiveMode();
        if (!mode.equals("SIMPLE") && !mode.equals("MUTUAL")) {
            return Optional.empty();
        }
        Optional<CertificateFiles> clientCertificate = Optional.empty();
        Optional<Path> caCertificates = Optional.empty();
        Optional<Path> crl = Optional.empty();
        if (!tls.credentialName().isEmpty()) {
            SecretFolders.Lookup<CertificateFiles> keyPair = secrets.keyPair(tls.credentialName());
            SecretFolders.Lookup<SecretFolders.CaFiles> ca = secrets.caOf(tls.credentialName());
            boolean missing = mode.equals("MUTUAL") ? keyPair.found().isEmpty() : ca.found().isEmpty();
            if (missing) {
                context.error(ConfigCodes.REFERENCE_NOT_FOUND, rule, path + ".credentialName", mode.equals("MUTUAL")
                        ? secrets.notFound(tls.credentialName(), SecretFolders.KEY_PAIR_KEYS, keyPair)
                        : secrets.notFound(tls.credentialName(), SecretFolders.CA_KEYS, ca));
                return Optional.empty();
            }
            if (mode.equals("MUTUAL")) {
                clientCertificate = keyPair.found();
            }
            caCertificates = ca.found().map(SecretFolders.CaFiles::caCertificates);
            crl = ca.found().flatMap(SecretFolders.CaFiles::crl);
        } else {
            if (mode.equals("MUTUAL")) {
                Optional<Path> certificate = WrittenPaths.resolve(rule, path + ".clientCertificate", tls.clientCertificate());
                Optional<Path> key = WrittenPaths.resolve(rule, path + ".privateKey", tls.privateKey());
                if (certificate.isEmpty() || key.isEmpty()) {
                    context.error(rule, path, "clientCertificate/privateKey: not valid file paths");
                    return Optional.empty();
                }
                clientCertificate = Optional.of(new CertificateFiles(certificate.get(), key.get(), Optional.empty(),
                        "clientCertificate " + tls.clientCertificate()));
            }
            if (!tls.caCertificates().isEmpty()) {
                caCertificates = resolve(rule, path + ".caCertificates", tls.caCertificates());
            }
            if (!tls.caCrl().isEmpty()) {
                crl = resolve(rule, path + ".caCrl", tls.caCrl());
            }
        }
        return Optional.of(new UpstreamTlsSettings(clientCertificate, caCertificates, tls.sni(),
                tls.subjectAltNames(), tls.insecureSkipVerify(), crl));
    }

    private Optional<Path> resolve(DestinationRule rule, String fieldPath, String written) {
        Optional<Path> path = WrittenPaths.resolve(rule, fieldPath, written);
        if (path.isEmpty()) {
            context.error(rule, fieldPath, written + " (expected: a file path)");
        }
        return path;
    }
}
