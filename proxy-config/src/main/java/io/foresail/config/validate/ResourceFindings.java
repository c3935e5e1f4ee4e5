package io.foresail.config.validate;

import io.foresail.config.model.ConfigError;
import io.foresail.config.model.ConfigError.Severity;
import io.foresail.config.model.IstioResource;
import java.util.List;

/** Adds findings about one resource to a list, placing each at the position of its field path. */
public final class ResourceFindings {

    private final IstioResource resource;
    private final List<ConfigError> sink;

    public ResourceFindings(IstioResource resource, List<ConfigError> sink) {
        this.resource = resource;
        this.sink = sink;
    }

    public void error(String path, String message) {
        add(Severity.ERROR, path, message);
    }

    public void warning(String path, String message) {
        add(Severity.WARNING, path, message);
    }

    private void add(Severity severity, String path, String message) {
        sink.add(new ConfigError(severity, resource.positions().of(path), resource.meta().id(), path, message));
    }
}
