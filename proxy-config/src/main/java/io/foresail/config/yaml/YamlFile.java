package io.foresail.config.yaml;

import java.util.Objects;

/**
 * The bytes of one configuration file and the name findings use for it (the path as given).
 */
public record YamlFile(String name, byte[] content) {

    public YamlFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
    }
}
