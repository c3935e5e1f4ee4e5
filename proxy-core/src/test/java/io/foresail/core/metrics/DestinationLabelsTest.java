package io.foresail.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DestinationLabelsTest {

    @Test
    void clusterLocalHostSplitsIntoServiceNameAndNamespace() {
        DestinationLabels labels = DestinationLabels.of("details.default.svc.cluster.local", Map.of());

        assertThat(labels.service()).as("destination_service is the host").isEqualTo("details.default.svc.cluster.local");
        assertThat(labels.serviceName()).as("name").isEqualTo("details");
        assertThat(labels.serviceNamespace()).as("namespace").isEqualTo("default");
    }

    @Test
    void hostUnderAnotherClusterDomainSplitsToo() {
        DestinationLabels labels = DestinationLabels.of("details.shop.svc.corp.example", Map.of());

        assertThat(labels.serviceName()).as("name before .<namespace>.svc.").isEqualTo("details");
        assertThat(labels.serviceNamespace()).as("namespace before .svc.").isEqualTo("shop");
    }

    @Test
    void twoLabelHostIsNameAndNamespace() {
        DestinationLabels labels = DestinationLabels.of("reviews.bookinfo", Map.of());

        assertThat(labels.serviceName()).as("name").isEqualTo("reviews");
        assertThat(labels.serviceNamespace()).as("namespace").isEqualTo("bookinfo");
    }

    @Test
    void otherHostIsTheNameWithUnknownNamespace() {
        DestinationLabels labels = DestinationLabels.of("api.payments.example.com", Map.of());

        assertThat(labels.serviceName()).as("the whole host").isEqualTo("api.payments.example.com");
        assertThat(labels.serviceNamespace()).as("no namespace in it").isEqualTo("unknown");
    }

    @Test
    void endpointLabelsGiveAppAndVersion() {
        DestinationLabels labels = DestinationLabels.of("reviews.bookinfo", Map.of("app", "reviews", "version", "v2"));

        assertThat(labels.app()).as("destination_app").isEqualTo("reviews");
        assertThat(labels.version()).as("destination_version").isEqualTo("v2");
        assertThat(labels.canonicalService()).as("canonical service falls back to app").isEqualTo("reviews");
        assertThat(labels.canonicalRevision()).as("canonical revision falls back to version").isEqualTo("v2");
    }

    @Test
    void canonicalLabelsWinOverAppAndVersion() {
        DestinationLabels labels = DestinationLabels.of("reviews.bookinfo", Map.of("app", "reviews", "version", "v2",
                "service.istio.io/canonical-name", "reviews-svc", "app.kubernetes.io/version", "2.1"));

        assertThat(labels.canonicalService()).as("Istio's canonical-name label first").isEqualTo("reviews-svc");
        assertThat(labels.canonicalRevision()).as("app.kubernetes.io/version before version").isEqualTo("2.1");
    }

    @Test
    void endpointWithoutLabelsHasUnknownAppAndVersion() {
        DestinationLabels labels = DestinationLabels.of("reviews.bookinfo", Map.of());

        assertThat(labels.app()).as("app").isEqualTo("unknown");
        assertThat(labels.version()).as("version").isEqualTo("unknown");
        assertThat(labels.canonicalRevision()).as("canonical revision").isEqualTo("unknown");
    }
}
