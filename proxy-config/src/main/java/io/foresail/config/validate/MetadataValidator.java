package io.foresail.config.validate;

import io.foresail.config.model.IstioResource;
import io.foresail.config.model.ResourceMeta;

/** Name and namespace rules common to every kind. */
final class MetadataValidator {

    private MetadataValidator() {
    }

    static void validate(IstioResource resource, ResourceFindings findings) {
        ResourceMeta meta = resource.meta();
        if (meta.name().isEmpty()) {
            findings.error("metadata.name", "missing (expected: a DNS-1123 name)");
        } else if (!meta.kind().equals("Gateway") && !HostSyntax.isDns1123Subdomain(meta.name())) {
            findings.error("metadata.name", meta.name() + " (expected: a DNS-1123 name: lower-case letters, digits, '-', '.')");
        }
        if (!HostSyntax.isDns1123Label(meta.namespace())) {
            findings.error("metadata.namespace", meta.namespace() + " (expected: a DNS-1123 label)");
        }
    }
}
