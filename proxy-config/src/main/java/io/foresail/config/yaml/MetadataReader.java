package io.foresail.config.yaml;

import io.foresail.config.model.ResourceMeta;
import java.util.Map;
import java.util.Optional;

/** Reads {@code metadata} (Kubernetes ObjectMeta): name, namespace and labels; the rest is accepted and dropped. */
final class MetadataReader {

    private static final String[] OBJECT_META_FIELDS = {"annotations", "creationTimestamp", "deletionGracePeriodSeconds",
        "deletionTimestamp", "finalizers", "generateName", "generation", "managedFields", "ownerReferences",
        "resourceVersion", "selfLink", "uid"};

    private MetadataReader() {
    }

    static ResourceMeta read(ParseSession session, String kind, String apiVersion, Optional<MappingReader> metadata) {
        String name = metadata.map(m -> m.string("name")).orElse("");
        String namespace = metadata.map(m -> m.string("namespace")).orElse("");
        if (namespace.isEmpty()) {
            namespace = ResourceMeta.DEFAULT_NAMESPACE;
        }
        session.nameResource(kind + "/" + namespace + "/" + name);
        Map<String, String> labels = metadata.map(m -> m.stringMap("labels")).orElse(Map.of());
        metadata.ifPresent(m -> {
            for (String field : OBJECT_META_FIELDS) {
                m.skip(field);
            }
            m.rejectUnknownFields();
        });
        return new ResourceMeta(kind, apiVersion, name, namespace, labels, session.documentPosition());
    }
}
