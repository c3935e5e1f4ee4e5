package io.foresail.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.core.testing.Closer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code config-samples/gateway-sets} started as its comments say, once per gateway set with
 * {@code --labels istio=<set>}: each proxy answers for its own Gateway's hosts and 404 for the
 * hosts of the five other sets, on the one Gateway port 8082.
 */
class GatewaySetsSampleIT {

    private static final String SAMPLE = "gateway-sets";
    private static final int PORT = 8082;

    @RegisterExtension
    final Closer closer = new Closer();

    @TempDir
    Path dir;

    /** A request one gateway set answers, and the echo upstream that answers it. */
    private record Served(String set, String host, String path, String upstream) {
    }

    private static final List<Served> SERVED = List.of(
            new Served("production-public", "shop.prod.example.com", "/cart", "storefront-production"),
            new Served("production-public", "payments.prod.example.com", "/webhooks/stripe", "payments"),
            new Served("production-private", "payments.prod.internal.example.com", "/v1/charges", "payments"),
            new Served("production-private", "grafana.prod.internal.example.com", "/", "grafana"),
            new Served("staging-public", "shop.staging.example.com", "/", "storefront-staging"),
            new Served("staging-private", "grafana.staging.internal.example.com", "/d/home", "grafana"),
            new Served("development-public", "shop.dev.example.com", "/", "storefront-development"),
            new Served("development-private", "grafana.dev.internal.example.com", "/", "grafana"));

    private RunningSample start(String... proxyArgs) throws Exception {
        return closer.register(RunningSample.start(SAMPLE, dir, proxyArgs));
    }

    @ParameterizedTest
    @ValueSource(strings = {"production-public", "production-private", "staging-public", "staging-private",
            "development-public", "development-private"})
    void eachLabelAnswersOnlyForItsOwnGatewaysHosts(String set) throws Exception {
        RunningSample sample = start("--labels", "istio=" + set);

        for (Served served : SERVED) {
            assertThat(sample.answer(PORT, served.host(), served.path()))
                    .as("%s%s with --labels istio=%s (host of %s)", served.host(), served.path(), set, served.set())
                    .isEqualTo(served.set().equals(set) ? served.upstream() : "404");
        }
    }

    @Test
    void publicPaymentsHostAnswersOnlyOnTheWebhookPaths() throws Exception {
        RunningSample sample = start("--labels", "istio=production-public");

        assertThat(sample.answer(PORT, "payments.prod.example.com", "/webhooks/stripe")).isEqualTo("payments");
        assertThat(sample.answer(PORT, "payments.prod.example.com", "/v1/charges")).isEqualTo("404");
    }

    @Test
    void servingOneSetPrintsNoFindings() throws Exception {
        RunningSample sample = start("--labels", "istio=production-private");

        assertThat(sample.stderrLines()).as("findings printed on start: Gateways of other sets are skipped silently")
                .isEmpty();
    }

    @Test
    void withoutLabelsOneProxyAnswersForAllSixSets() throws Exception {
        RunningSample sample = start();

        assertThat(sample.stderrLines()).as("findings printed on start").isEmpty();
        for (Served served : SERVED) {
            assertThat(sample.answer(PORT, served.host(), served.path()))
                    .as("%s%s without labels", served.host(), served.path()).isEqualTo(served.upstream());
        }
    }
}
