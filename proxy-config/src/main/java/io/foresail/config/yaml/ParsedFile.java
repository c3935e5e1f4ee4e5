package io.foresail.config.yaml;

import io.foresail.config.model.ConfigError;
import io.foresail.config.model.IstioResource;
import java.util.List;

/**
 * What one file held: the Istio resources it defines, in document order, and every finding made
 * while reading it (syntax errors, unknown fields, skipped kinds, unsupported fields).
 */
public record ParsedFile(List<IstioResource> resources, List<ConfigError> findings) {

    public ParsedFile {
        resources = List.copyOf(resources);
        findings = List.copyOf(findings);
    }
}
