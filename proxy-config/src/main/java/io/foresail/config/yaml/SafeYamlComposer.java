package io.foresail.config.yaml;

import java.io.ByteArrayInputStream;
import java.util.function.Consumer;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.reader.UnicodeReader;

/**
 * Composes YAML documents into SnakeYAML node trees without ever constructing Java objects,
 * with limits that stop alias bombs, deep nesting and huge documents early.
 */
final class SafeYamlComposer {

    static final int MAX_ALIASES_FOR_COLLECTIONS = 50;
    static final int NESTING_DEPTH_LIMIT = 64;
    static final int CODE_POINT_LIMIT = 8 * 1024 * 1024;

    private SafeYamlComposer() {
    }

    /**
     * Hands each document of {@code content} to {@code documents}, in order; an empty document
     * arrives as {@code null}. Throws SnakeYAML's exceptions on syntax errors or exceeded limits.
     */
    static void composeAll(byte[] content, Consumer<Node> documents) {
        Yaml yaml = new Yaml(options());
        for (Node document : yaml.composeAll(new UnicodeReader(new ByteArrayInputStream(content)))) {
            documents.accept(document);
        }
    }

    private static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES_FOR_COLLECTIONS);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(NESTING_DEPTH_LIMIT);
        options.setCodePointLimit(CODE_POINT_LIMIT);
        options.setAllowDuplicateKeys(false);
        options.setProcessComments(false);
        options.setTagInspector(tag -> false);
        return options;
    }
}
