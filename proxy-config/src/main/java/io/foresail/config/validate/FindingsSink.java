package io.foresail.config.validate;

import io.foresail.config.model.ConfigError;
import io.foresail.config.model.IstioResource;
import java.util.ArrayList;
import java.util.List;

/** Collects the findings of one validation run. */
final class FindingsSink {

    private final List<ConfigError> findings = new ArrayList<>();

    ResourceFindings about(IstioResource resource) {
        return new ResourceFindings(resource, findings);
    }

    List<ConfigError> findings() {
        return List.copyOf(findings);
    }
}
