package io.foresail.config.model;

import java.util.Map;
import java.util.Objects;

/**
 * The Kubernetes envelope of one resource.
 *
 * @param kind       {@code Gateway}, {@code VirtualService}, {@code DestinationRule} or {@code ServiceEntry}
 * @param apiVersion as written, e.g. {@code networking.istio.io/v1beta1}
 * @param name       {@code metadata.name}; empty when missing (a validation error)
 * @param namespace  {@code metadata.namespace}, {@code default} when absent
 * @param labels     {@code metadata.labels}
 * @param position   where the resource's document starts
 */
public record ResourceMeta(String kind, String apiVersion, String name, String namespace,
                           Map<String, String> labels, SourcePosition position) {

    public static final String DEFAULT_NAMESPACE = "default";

    public ResourceMeta {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        labels = Map.copyOf(labels);
        Objects.requireNonNull(position, "position");
    }

    /** {@code Kind/namespace/name}, as findings name a resource. */
    public String id() {
        return kind + "/" + namespace + "/" + name;
    }
}
