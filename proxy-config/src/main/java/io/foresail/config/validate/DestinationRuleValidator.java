package io.foresail.config.validate;

import io.foresail.config.model.DestinationRule;
import io.foresail.config.model.Subset;
import java.util.HashSet;
import java.util.Set;

/** DestinationRule checks: host, subset names, tls of the traffic policies. */
final class DestinationRuleValidator {

    private DestinationRuleValidator() {
    }

    static void validate(DestinationRule rule, ResourceFindings findings) {
        if (rule.host().isEmpty()) {
            findings.error("spec.host", "missing (expected: a service host)");
        } else {
            String problem = HostSyntax.wildcardDomainProblem(rule.host());
            if (problem != null) {
                findings.error("spec.host", rule.host() + ": " + problem);
            }
        }
        ClientTlsRules.checkPolicy(rule.trafficPolicy(), "spec.trafficPolicy", findings);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < rule.subsets().size(); i++) {
            Subset subset = rule.subsets().get(i);
            String path = "spec.subsets[" + i + "].name";
            if (subset.name().isEmpty() || !HostSyntax.isDns1123Label(subset.name())) {
                findings.error(path, "subset name is invalid: \"" + subset.name() + "\" (expected: a DNS-1123 label)");
            } else if (!names.add(subset.name())) {
                findings.error(path, "duplicate subset names: " + subset.name());
            }
            ClientTlsRules.checkPolicy(subset.trafficPolicy(), "spec.subsets[" + i + "].trafficPolicy", findings);
        }
    }
}
