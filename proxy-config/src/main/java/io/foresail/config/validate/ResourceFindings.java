package io.foresail.config.validate;

import io.foresail.config.model.ConfigCodes;
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

    /** An error with its code ({@code IST0101}, ...); {@link #error(String, String)} uses the schema code. */
    public void error(String code, String path, String message) {
        add(Severity.ERROR, code, path, message);
    }

    public void warning(String code, String path, String message) {
        add(Severity.WARNING, code, path, message);
    }

    /** A note: nothing wrong, but the config does not mean what it may seem to (weights normalised, ...). */
    public void info(String code, String path, String message) {
        add(Severity.INFO, code, path, message);
    }

    private void add(Severity severity, String path, String message) {
        add(severity, severity == Severity.ERROR ? ConfigCodes.SCHEMA_ERROR : ConfigCodes.SCHEMA_WARNING, path, message);
    }

    private void add(Severity severity, String code, String path, String message) {
        sink.add(new ConfigError(severity, resource.positions().of(path), resource.meta().id(), path, message, code));
    }
}
