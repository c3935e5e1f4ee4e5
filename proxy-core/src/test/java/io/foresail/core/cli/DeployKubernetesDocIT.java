package io.foresail.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.tls.testing.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docs/deploy-kubernetes.md} holds together: the Istio config it shows (its {@code yaml}
 * blocks headed {@code # config/<file>.yaml}) passes {@code validate} without a finding for each of
 * its gateway sets, with only that set's {@code credentialName} Secret present, as in the set's pod;
 * and the manifests for one set (the block headed {@code # foresail-production-public.yaml}), also
 * after the doc's {@code sed} to every other set, expose every Gateway port, map the Service onto
 * container ports and mount the Secret the set's Gateway names under {@code --secrets-dir}.
 */
class DeployKubernetesDocIT {

    private static final Path DOC = Path.of("..", "docs", "deploy-kubernetes.md");
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CONFIG_FILE = Pattern.compile("\\A# config/([\\w.-]+\\.yaml)");
    private static final String MANIFESTS_HEADER = "# foresail-production-public.yaml";
    private static final String EXAMPLE_SET = "production-public";
    private static final String SECRETS_DIR = "/etc/foresail-secrets";
    private static final Pattern SELECTED_SET = Pattern.compile("selector:\\s*\\n\\s+istio: ([a-z-]+)");
    private static final Pattern CREDENTIAL = Pattern.compile("credentialName: ([a-z0-9-]+)");
    private static final Pattern GATEWAY_PORT = Pattern.compile("port: \\{number: (\\d+), name: [\\w-]+, protocol: \\w+}");
    private static final Pattern CONTAINER_PORT = Pattern.compile("containerPort: (\\d+)");
    private static final Pattern TARGET_PORT = Pattern.compile("targetPort: (\\d+)");
    private static final Pattern SECRET_MOUNT = Pattern.compile("mountPath: " + Pattern.quote(SECRETS_DIR) + "/([a-z0-9-]+)");

    @TempDir
    Path dir;

    private Path config;
    /** Gateway set (its selector's {@code istio} label) to the credentialNames of its Gateway. */
    private final Map<String, Set<String>> credentialsBySet = new LinkedHashMap<>();
    private final Set<Integer> gatewayPorts = new TreeSet<>();
    private String manifests;

    @BeforeEach
    void readDoc() throws IOException {
        String doc = Files.readString(DOC);
        config = Files.createDirectories(dir.resolve("config"));
        Matcher block = YAML_BLOCK.matcher(doc);
        while (block.find()) {
            String yaml = block.group(1);
            Matcher file = CONFIG_FILE.matcher(yaml);
            if (file.find()) {
                Files.writeString(config.resolve(file.group(1)), yaml);
                readGateways(yaml);
            } else if (yaml.startsWith(MANIFESTS_HEADER)) {
                manifests = yaml;
            }
        }
        assertThat(manifests).as("a yaml block headed %s", MANIFESTS_HEADER).isNotNull();
    }

    private void readGateways(String yaml) {
        for (String document : yaml.split("\n---\n")) {
            Matcher set = SELECTED_SET.matcher(document);
            if (document.contains("kind: Gateway") && set.find()) {
                Set<String> credentials = credentialsBySet.computeIfAbsent(set.group(1), name -> new TreeSet<>());
                CREDENTIAL.matcher(document).results().forEach(credential -> credentials.add(credential.group(1)));
                GATEWAY_PORT.matcher(document).results().forEach(port -> gatewayPorts.add(Integer.valueOf(port.group(1))));
            }
        }
    }

    @Test
    void configIsValidForEveryGatewaySetWithOnlyItsOwnSecret() throws IOException {
        assertThat(credentialsBySet).as("the six gateway sets of the doc")
                .containsOnlyKeys("production-public", "production-private", "staging-public", "staging-private",
                        "development-public", "development-private");
        TestPki pki = TestPki.create(Files.createDirectories(dir.resolve("pki")));
        for (Map.Entry<String, Set<String>> set : credentialsBySet.entrySet()) {
            assertThat(set.getValue()).as("credentialNames of %s", set.getKey()).isNotEmpty();
            Path secrets = Files.createDirectories(dir.resolve("secrets-" + set.getKey()));
            for (String credential : set.getValue()) {
                TestPki.Issued issued = pki.server("*.example.com");
                Path folder = Files.createDirectories(secrets.resolve(credential));
                Files.copy(issued.chainFile(), folder.resolve("tls.crt"));
                Files.copy(issued.pkcs8KeyFile(), folder.resolve("tls.key"));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = ValidateCommand.run(List.of("--config", config.toString(), "--labels", "istio=" + set.getKey(),
                            "--secrets-dir", secrets.toString()),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(exit).as("validate --labels istio=%s: %s%s", set.getKey(), out, err).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).as("findings for %s", set.getKey()).isEmpty();
        }
    }

    @Test
    void deploymentExposesEveryGatewayPortAndServiceTargetsContainerPorts() {
        Set<Integer> containerPorts = ports(CONTAINER_PORT, manifests);

        assertThat(gatewayPorts).as("the Gateways' ports").containsExactly(8080, 8443);
        assertThat(containerPorts).as("containerPorts").containsAll(gatewayPorts).contains(15021, 15020, 15090);
        assertThat(ports(TARGET_PORT, manifests)).as("the Service's targetPorts").isNotEmpty()
                .isSubsetOf(containerPorts);
        assertThat(manifests).contains("port: 80, targetPort: 8080", "port: 443, targetPort: 8443");
    }

    @Test
    void everySetsManifestsMountTheSecretsItsGatewayNames() {
        assertThat(manifests).contains("- --secrets-dir\n        - " + SECRETS_DIR + "\n");
        for (Map.Entry<String, Set<String>> set : credentialsBySet.entrySet()) {
            String manifestsOfSet = manifests.replace(EXAMPLE_SET, set.getKey());   // the doc's sed

            assertThat(captured(SECRET_MOUNT, manifestsOfSet))
                    .as("Secrets mounted under %s for %s", SECRETS_DIR, set.getKey())
                    .containsExactlyInAnyOrderElementsOf(set.getValue());
            assertThat(manifestsOfSet).contains("istio: " + set.getKey() + "}");
        }
    }

    /** The first group of every match of {@code pattern} in {@code text}. */
    private static Set<String> captured(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        pattern.matcher(text).results().forEach(match -> found.add(match.group(1)));
        return found;
    }

    private static Set<Integer> ports(Pattern pattern, String text) {
        Set<Integer> ports = new TreeSet<>();
        captured(pattern, text).forEach(port -> ports.add(Integer.valueOf(port)));
        return ports;
    }
}
