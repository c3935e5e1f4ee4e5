package io.foresail.config.validate;

import io.foresail.config.model.ConfigError;
import io.foresail.config.model.DestinationRule;
import io.foresail.config.model.Gateway;
import io.foresail.config.model.IstioResource;
import io.foresail.config.model.ServiceEntry;
import io.foresail.config.model.VirtualService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates a whole configuration: every resource on its own (Istio's schema rules), then the
 * references between them. Collects every finding; never stops at the first.
 */
public final class ConfigValidator {

    public List<ConfigError> validate(List<IstioResource> resources) {
        FindingsSink sink = new FindingsSink();
        Map<String, IstioResource> byId = new HashMap<>();
        for (IstioResource resource : resources) {
            ResourceFindings findings = sink.about(resource);
            IstioResource first = byId.putIfAbsent(resource.meta().id(), resource);
            if (first != null) {
                findings.error("metadata.name", "defined twice (first at " + first.meta().position() + ")");
            }
            MetadataValidator.validate(resource, findings);
            if (resource instanceof Gateway gateway) {
                GatewayValidator.validate(gateway, findings);
            } else if (resource instanceof VirtualService vs) {
                VirtualServiceValidator.validate(vs, findings);
            } else if (resource instanceof DestinationRule rule) {
                DestinationRuleValidator.validate(rule, findings);
            } else if (resource instanceof ServiceEntry entry) {
                ServiceEntryValidator.validate(entry, findings);
            }
        }
        ReferenceValidator.validate(resources, ServiceRegistry.of(resources), sink);
        return sink.findings();
    }
}
