package io.foresail.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.config.table.Cluster;
import io.foresail.config.table.Endpoint;
import io.foresail.config.table.RoutingTable;
import io.foresail.core.http.ResponseFlag;
import io.foresail.core.proxy.ExchangeOutcome;
import io.foresail.core.tcp.TcpObserver;
import io.foresail.core.testing.PrometheusText;
import io.micrometer.core.instrument.FunctionCounter;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RequestMetricsTest {

    private static final String REVIEWS_HOST = "reviews.bookinfo.svc.cluster.local";
    private static final String REVIEWS = Cluster.nameOf(9080, "", REVIEWS_HOST);
    private static final Map<String, String> V1 = Map.of("app", "reviews", "version", "v1");
    private static final Map<String, String> V2 = Map.of("app", "reviews", "version", "v2");

    private ProxyMetrics metrics;
    private RequestMetrics requests;

    @BeforeEach
    void bind() {
        metrics = new ProxyMetrics();
        metrics.registry().throwExceptionOnRegistrationFailure();
        requests = metrics.requests();
        requests.follow(table("one", cluster(REVIEWS, REVIEWS_HOST, V1, V2)));
    }

    @AfterEach
    void close() {
        metrics.close();
    }

    private static Cluster cluster(String name, String host, Map<String, String>... endpointLabels) {
        List<Endpoint> endpoints = new java.util.ArrayList<>();
        int port = 9001;
        for (Map<String, String> labels : endpointLabels) {
            endpoints.add(new Endpoint("127.0.0.1", port++, 1, labels));
        }
        return new Cluster(name, host, 9080, "", endpoints);
    }

    private static RoutingTable table(String hash, Cluster... clusters) {
        Map<String, Cluster> byName = new java.util.HashMap<>();
        for (Cluster cluster : clusters) {
            byName.put(cluster.name(), cluster);
        }
        return new RoutingTable(Map.of(), byName, hash);
    }

    /** A request answered {@code status} with {@code flag}; forwarded through an endpoint labelled {@code labels} unless null. */
    private static ExchangeOutcome outcome(int status, ResponseFlag flag, String cluster, Map<String, String> labels,
                                           long durationNanos, long bytesReceived, long bytesSent) {
        ExchangeOutcome.Downstream downstream = new ExchangeOutcome.Downstream(0, HttpVersion.HTTP_1_1, "/reviews/1",
                "bookinfo.example", "curl", null, "id-1", null, null, null, bytesReceived, bytesSent);
        ExchangeOutcome.Forwarded forwarded = labels == null ? null : new ExchangeOutcome.Forwarded("reviews",
                REVIEWS_HOST, labels, null, 1, null, 1);
        return new ExchangeOutcome(8080, HttpMethod.GET, "/reviews/1", status, flag, cluster, null, durationNanos, 1,
                downstream, forwarded);
    }

    private static ExchangeOutcome forwarded(int status, Map<String, String> labels) {
        return outcome(status, ResponseFlag.NONE, REVIEWS, labels, TimeUnit.MILLISECONDS.toNanos(3), 0, 10);
    }

    private PrometheusText scrape() {
        return PrometheusText.of(metrics.scrape());
    }

    @Test
    void forwardedRequestCountsUnderItsCodeFlagAndDestination() {
        requests.onComplete(forwarded(200, V1));
        requests.onComplete(forwarded(200, V1));

        assertThat(scrape().value("istio_requests_total", "reporter", "source", "destination_service", REVIEWS_HOST,
                "destination_service_name", "reviews", "destination_service_namespace", "bookinfo",
                "destination_version", "v1", "destination_app", "reviews", "destination_canonical_service", "reviews",
                "destination_canonical_revision", "v1", "request_protocol", "http", "response_code", "200",
                "response_flags", "-", "source_workload", "unknown", "destination_workload", "unknown",
                "connection_security_policy", "unknown", "grpc_response_status", ""))
                .as("two 200s through the v1 endpoint, with Istio's labels").isEqualTo(2.0);
    }

    @Test
    void endpointVersionsAreSeparateSeries() {
        requests.onComplete(forwarded(200, V1));
        requests.onComplete(forwarded(200, V2));
        requests.onComplete(forwarded(200, V2));

        PrometheusText scrape = scrape();
        assertThat(scrape.value("istio_requests_total", "destination_version", "v1")).as("v1").isEqualTo(1.0);
        assertThat(scrape.value("istio_requests_total", "destination_version", "v2")).as("v2").isEqualTo(2.0);
    }

    @Test
    void sameCodeWithAnotherFlagIsAnotherSeries() {
        requests.onComplete(outcome(503, ResponseFlag.UF, REVIEWS, V1, 1, 0, 0));
        requests.onComplete(outcome(503, ResponseFlag.UH, REVIEWS, null, 1, 0, 0));

        PrometheusText scrape = scrape();
        assertThat(scrape.value("istio_requests_total", "response_code", "503", "response_flags", "UF"))
                .as("503 UF").isEqualTo(1.0);
        assertThat(scrape.value("istio_requests_total", "response_code", "503", "response_flags", "UH"))
                .as("503 UH").isEqualTo(1.0);
    }

    @Test
    void requestThatReachedNoEndpointCountsUnderItsServiceWithUnknownVersion() {
        requests.onComplete(outcome(503, ResponseFlag.UH, REVIEWS, null, 1, 0, 19));

        assertThat(scrape().value("istio_requests_total", "response_flags", "UH", "destination_service", REVIEWS_HOST,
                "destination_service_name", "reviews", "destination_version", "unknown", "destination_app", "unknown"))
                .as("UH: the cluster's service is known, the endpoint's labels are not").isEqualTo(1.0);
    }

    @Test
    void localReplyWithoutClusterCountsUnderUnknownDestination() {
        requests.onComplete(outcome(404, ResponseFlag.NR, null, null, 1, 0, 0));

        assertThat(scrape().value("istio_requests_total", "response_code", "404", "response_flags", "NR",
                "destination_service", "unknown", "destination_service_name", "unknown",
                "destination_service_namespace", "unknown"))
                .as("404 NR has no destination").isEqualTo(1.0);
    }

    @Test
    void requestWithoutResponseCountsUnderCodeZero() {
        requests.onComplete(outcome(0, ResponseFlag.DC, REVIEWS, V1, 1, 0, 0));

        assertThat(scrape().value("istio_requests_total", "response_code", "0", "response_flags", "DC"))
                .as("a client gone before the response: code 0, as Istio reports it").isEqualTo(1.0);
    }

    @Test
    void durationHistogramHasEnvoyBucketsInMilliseconds() {
        requests.onComplete(outcome(200, ResponseFlag.NONE, REVIEWS, V1, TimeUnit.MICROSECONDS.toNanos(3_500), 0, 0));

        PrometheusText scrape = scrape();
        List<String> bounds = scrape.samples("istio_request_duration_milliseconds_bucket").stream()
                .map(sample -> sample.labels().get("le")).toList();
        assertThat(bounds).as("Envoy's default bucket bounds, then +Inf").containsExactly("0.5", "1.0", "5.0", "10.0",
                "25.0", "50.0", "100.0", "250.0", "500.0", "1000.0", "2500.0", "5000.0", "10000.0", "30000.0", "60000.0",
                "300000.0", "600000.0", "1800000.0", "3600000.0", "+Inf");
        assertThat(scrape.value("istio_request_duration_milliseconds_bucket", "le", "1.0")).as("3.5 ms is not <= 1")
                .isZero();
        assertThat(scrape.value("istio_request_duration_milliseconds_bucket", "le", "5.0")).as("3.5 ms is <= 5")
                .isEqualTo(1.0);
        assertThat(scrape.value("istio_request_duration_milliseconds_sum")).as("sum in ms").isEqualTo(3.5);
        assertThat(scrape.value("istio_request_duration_milliseconds_count")).as("count").isEqualTo(1.0);
    }

    @Test
    void bucketBoundsAreInclusive() {
        requests.onComplete(outcome(200, ResponseFlag.NONE, REVIEWS, V1, TimeUnit.MILLISECONDS.toNanos(5), 0, 0));

        assertThat(scrape().value("istio_request_duration_milliseconds_bucket", "le", "5.0"))
                .as("exactly 5 ms falls in le=5, as Prometheus's le says").isEqualTo(1.0);
    }

    @Test
    void requestAndResponseBodySizesAreHistograms() {
        requests.onComplete(outcome(200, ResponseFlag.NONE, REVIEWS, V1, 1, 700, 30_000));

        PrometheusText scrape = scrape();
        assertThat(scrape.value("istio_request_bytes_bucket", "le", "500.0")).as("700 B > 500").isZero();
        assertThat(scrape.value("istio_request_bytes_bucket", "le", "1000.0")).as("700 B <= 1000").isEqualTo(1.0);
        assertThat(scrape.value("istio_request_bytes_sum")).as("request bytes").isEqualTo(700.0);
        assertThat(scrape.value("istio_response_bytes_bucket", "le", "30000.0")).as("30000 B <= 30000").isEqualTo(1.0);
        assertThat(scrape.value("istio_response_bytes_sum")).as("response bytes").isEqualTo(30_000.0);
    }

    @Test
    void noIstioSeriesBeforeTheFirstRequest() {
        assertThat(scrape().samples("istio_requests_total")).as("series appear with their first request").isEmpty();
    }

    @Test
    void upstreamRqCountsByClusterAndCodeClass() {
        requests.onComplete(forwarded(200, V1));
        requests.onComplete(forwarded(204, V1));
        requests.onComplete(outcome(503, ResponseFlag.UF, REVIEWS, V1, 1, 0, 0));

        PrometheusText scrape = scrape();
        assertThat(scrape.value("foresail_upstream_rq_total", "cluster", REVIEWS, "code_class", "2xx")).as("2xx")
                .isEqualTo(2.0);
        assertThat(scrape.value("foresail_upstream_rq_total", "cluster", REVIEWS, "code_class", "5xx")).as("5xx")
                .isEqualTo(1.0);
        assertThat(scrape.value("foresail_upstream_rq_total", "cluster", REVIEWS, "code_class", "4xx")).as("4xx")
                .isZero();
    }

    @Test
    void upstreamRqIsBoundWhenTheSnapshotIsApplied() {
        assertThat(metrics.registry().find("foresail.upstream.rq").tag("cluster", REVIEWS).functionCounters())
                .as("one counter per status class, before any request").hasSize(ClusterMeters.CODE_CLASSES.length);
    }

    @Test
    void clusterRemovedByAReloadKeepsItsCounts() {
        requests.onComplete(forwarded(200, V1));
        String ratingsHost = "ratings.bookinfo.svc.cluster.local";
        requests.follow(table("two", cluster(Cluster.nameOf(9080, "", ratingsHost), ratingsHost, V1)));
        requests.onComplete(forwarded(200, V1));

        PrometheusText scrape = scrape();
        assertThat(scrape.value("istio_requests_total", "destination_service", REVIEWS_HOST))
                .as("requests finishing on the old snapshot still count under the removed cluster").isEqualTo(2.0);
        assertThat(scrape.value("foresail_upstream_rq_total", "cluster", REVIEWS, "code_class", "2xx"))
                .as("the removed cluster's counter").isEqualTo(2.0);
    }

    @Test
    void changedClusterKeepsItsCountsAndServesItsNewLabels() {
        requests.onComplete(forwarded(200, V1));
        Map<String, String> v3 = Map.of("app", "reviews", "version", "v3");
        requests.follow(table("two", cluster(REVIEWS, REVIEWS_HOST, V1, v3)));
        requests.onComplete(forwarded(200, Map.of("version", "v1", "app", "reviews")));
        requests.onComplete(forwarded(200, v3));

        PrometheusText scrape = scrape();
        assertThat(scrape.value("istio_requests_total", "destination_version", "v1")).as("v1 before and after")
                .isEqualTo(2.0);
        assertThat(scrape.value("istio_requests_total", "destination_version", "v3")).as("v3, new").isEqualTo(1.0);
    }

    @Test
    void reloadWithTheSameClusterRegistersNoNewMeters() {
        int before = metrics.registry().getMeters().size();
        requests.follow(table("two", cluster(REVIEWS, REVIEWS_HOST, V1, V2)));

        assertThat(metrics.registry().getMeters()).as("an unchanged cluster's meters are reused").hasSize(before);
    }

    @Test
    void codeFlagPairsBeyondTheTableCountAsOneOtherSeries() {
        int codes = DestinationMeters.REQUEST_SERIES + 5;
        for (int code = 200; code < 200 + codes; code++) {
            requests.onComplete(forwarded(code, V1));
        }

        PrometheusText scrape = scrape();
        assertThat(scrape.samples("istio_requests_total", "destination_version", "v1"))
                .as("the table's pairs plus one overflow series").hasSize(DestinationMeters.REQUEST_SERIES + 1);
        assertThat(scrape.value("istio_requests_total", "response_code", "other", "response_flags", "other"))
                .as("what did not fit").isEqualTo(5.0);
    }

    @Test
    void tcpConnectionCountsOpenedClosedAndBytesBothWays() {
        TcpObserver.TcpMeters connection = requests.meters(REVIEWS, V1);
        connection.opened(ResponseFlag.NONE);
        connection.received(100);
        connection.sent(2_000);
        connection.closed(ResponseFlag.NONE);

        PrometheusText scrape = scrape();
        String[] labels = {"destination_service", REVIEWS_HOST, "destination_version", "v1", "request_protocol", "tcp",
                "response_flags", "-", "reporter", "source"};
        assertThat(scrape.value("istio_tcp_connections_opened_total", labels)).as("opened").isEqualTo(1.0);
        assertThat(scrape.value("istio_tcp_connections_closed_total", labels)).as("closed").isEqualTo(1.0);
        assertThat(scrape.value("istio_tcp_received_bytes_total", labels)).as("from the client").isEqualTo(100.0);
        assertThat(scrape.value("istio_tcp_sent_bytes_total", labels)).as("to the client").isEqualTo(2_000.0);
        assertThat(scrape.samples("istio_tcp_connections_opened_total").get(0).labels())
                .as("TCP metrics have no response code").doesNotContainKeys("response_code", "grpc_response_status");
    }

    @Test
    void tcpConnectionToNoClusterCountsUnderUnknownDestination() {
        TcpObserver.TcpMeters connection = requests.meters(null, Map.of());
        connection.opened(ResponseFlag.NC);
        connection.closed(ResponseFlag.NC);

        assertThat(scrape().value("istio_tcp_connections_closed_total", "destination_service", "unknown",
                "response_flags", "NC")).as("no cluster").isEqualTo(1.0);
    }

    @Test
    void metricNamesAreTheOnesIstioDashboardsQuery() {
        requests.onComplete(forwarded(200, V1));
        requests.meters(REVIEWS, V1).opened(ResponseFlag.NONE);

        assertThat(metrics.scrape()).as("Istio's metric families and their Prometheus types")
                .contains("# TYPE istio_requests_total counter", "# TYPE istio_request_duration_milliseconds histogram",
                        "# TYPE istio_request_bytes histogram", "# TYPE istio_response_bytes histogram",
                        "# TYPE istio_tcp_connections_opened_total counter",
                        "# TYPE istio_tcp_connections_closed_total counter",
                        "# TYPE istio_tcp_received_bytes_total counter", "# TYPE istio_tcp_sent_bytes_total counter");
    }
}
