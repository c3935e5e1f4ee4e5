package io.foresail.config.yaml;

import io.foresail.config.model.ConfigCodes;
import io.foresail.config.model.ConfigError;
import io.foresail.config.model.ConfigError.Severity;
import io.foresail.config.model.IstioResource;
import io.foresail.config.model.ResourceMeta;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads one YAML document as a Kubernetes object: Istio networking kinds are bound into the
 * model, {@code kind: List} is unpacked, anything else is skipped with a warning.
 */
final class DocumentReader {

    static final String ISTIO_GROUP = "networking.istio.io";
    private static final Set<String> ISTIO_VERSIONS = Set.of("v1", "v1beta1", "v1alpha3");
    private static final Set<String> SERVED_KINDS = Set.of("Gateway", "VirtualService", "DestinationRule",
            "ServiceEntry");

    private final String file;
    private final List<ConfigError> findings;
    private final List<IstioResource> resources;

    DocumentReader(String file, List<ConfigError> findings, List<IstioResource> resources) {
        this.file = file;
        this.findings = findings;
        this.resources = resources;
    }

    void read(Node document) {
        if (document == null || document.getTag() == Tag.NULL) {
            return;
        }
        NodeTreeCheck.Problem problem = NodeTreeCheck.check(document);
        if (problem != null) {
            findings.add(new ConfigError(Severity.ERROR, ParseSession.positionOf(file, problem.node()), "", "",
                    problem.message(), ConfigCodes.YAML));
            return;
        }
        readObject(document);
    }

    private void readObject(Node node) {
        ParseSession session = new ParseSession(file, findings, node);
        Optional<MappingReader> object = MappingReader.of(session, node, "");
        if (object.isEmpty()) {
            return;
        }
        MappingReader root = object.get();
        String apiVersion = root.string("apiVersion");
        String kind = root.string("kind");
        if (apiVersion.isEmpty() || kind.isEmpty()) {
            session.error(node, "", "not a Kubernetes object (expected: apiVersion and kind)");
            return;
        }
        if (kind.equals("List") && apiVersion.equals("v1")) {
            readList(root);
            return;
        }
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = apiVersion.substring(slash + 1);
        if (!group.equals(ISTIO_GROUP) || !SERVED_KINDS.contains(kind)) {
            session.warning(ConfigCodes.KIND_NOT_SERVED, node, "", "kind " + kind + " (" + apiVersion + ") is not served by Foresail, skipped");
            return;
        }
        if (!ISTIO_VERSIONS.contains(version)) {
            session.error(root.node(), "apiVersion", apiVersion + " (expected: " + ISTIO_GROUP + "/v1, v1beta1 or v1alpha3)");
            return;
        }
        resources.add(readResource(root, session, kind, apiVersion));
    }

    private void readList(MappingReader list) {
        list.skip("metadata");
        Node items = list.take("items");
        if (items instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                readObject(item);
            }
        } else if (items != null) {
            list.session().error(items, "items", "expected a list");
        }
        list.rejectUnknownFields();
    }

    private static IstioResource readResource(MappingReader root, ParseSession session, String kind, String apiVersion) {
        ResourceMeta meta = MetadataReader.read(session, kind, apiVersion, root.object("metadata"));
        Optional<MappingReader> spec = root.object("spec");
        root.skip("status");
        IstioResource resource;
        if (kind.equals("Gateway")) {
            resource = GatewayReader.read(meta, spec, session);
        } else if (kind.equals("VirtualService")) {
            resource = VirtualServiceReader.read(meta, spec, session);
        } else if (kind.equals("DestinationRule")) {
            resource = DestinationRuleReader.read(meta, spec, session);
        } else {
            resource = ServiceEntryReader.read(meta, spec, session);
        }
        spec.ifPresent(MappingReader::rejectUnknownFields);
        root.rejectUnknownFields();
        return resource;
    }
}
