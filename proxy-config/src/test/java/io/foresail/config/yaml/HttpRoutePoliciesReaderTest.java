package io.foresail.config.yaml;

import io.foresail.config.model.ConfigCodes;
import io.foresail.config.model.ConfigError;
import io.foresail.config.model.CorsPolicy;
import io.foresail.config.model.Destination;
import io.foresail.config.model.HttpFaultInjection;
import io.foresail.config.model.HttpMirror;
import io.foresail.config.model.HttpRetry;
import io.foresail.config.model.HttpRoute;
import io.foresail.config.model.Percent;
import io.foresail.config.model.StringMatch;
import io.foresail.config.model.VirtualService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading {@code timeout}, {@code retries}, {@code fault}, {@code mirror(s)} and {@code corsPolicy} of an HTTPRoute. */
class HttpRoutePoliciesReaderTest {

    /** Parses a VirtualService whose only HTTP route has {@code fields} (YAML at the route's level, from line 7 on). */
    private static ParsedFile parse(String fields) {
        String yaml = """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: vs}
                spec:
                  hosts: [a.example.com]
                  http:
                %s
                    route:
                    - destination: {host: a.example.com}
                """.formatted(("- " + fields.strip().replace("\n", "\n  ")).indent(2).stripTrailing());
        return new IstioYamlParser().parse(new YamlFile("f.yaml", yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpRoute route(ParsedFile parsed) {
        assertThat(parsed.findings()).as("findings").isEmpty();
        return ((VirtualService) parsed.resources().get(0)).http().get(0);
    }

    private static List<String> findings(ParsedFile parsed) {
        return parsed.findings().stream().map(f -> f.severity() + " " + f.position().line() + " " + f.fieldPath()
                + ": " + f.message()).toList();
    }

    @Test
    void timeoutIsAGoDurationAndKeepsItsPosition() {
        ParsedFile parsed = parse("timeout: 1.5s");

        assertThat(route(parsed).timeout()).contains(Duration.ofMillis(1500));
        assertThat(((VirtualService) parsed.resources().get(0)).positions().of("spec.http[0].timeout").line())
                .isEqualTo(7);
    }

    @Test
    void negativeDurationIsAnErrorNamingTheField() {
        assertThat(findings(parse("timeout: -1s"))).containsExactly(
                "ERROR 7 spec.http[0].timeout: -1s (expected: a duration of at least 1ms, not negative)");
    }

    @Test
    void retriesKeepUnwrittenWrappersEmpty() {
        HttpRetry retries = route(parse("retries: {attempts: 3, retryOn: '5xx,503'}")).retries().orElseThrow();

        assertThat(retries).isEqualTo(new HttpRetry(3, Optional.empty(), "5xx,503", Optional.empty(), Optional.empty(),
                Optional.empty()));
    }

    @Test
    void retriesReadEveryField() {
        HttpRetry retries = route(parse("""
                retries:
                  attempts: 2
                  perTryTimeout: 250ms
                  retryOn: gateway-error
                  retryRemoteLocalities: true
                  retryIgnorePreviousHosts: false
                  backoff: 100ms
                """)).retries().orElseThrow();

        assertThat(retries).as("an explicit false is kept apart from not written").isEqualTo(new HttpRetry(2,
                Optional.of(Duration.ofMillis(250)), "gateway-error", Optional.of(true), Optional.of(false),
                Optional.of(Duration.ofMillis(100))));
    }

    @Test
    void faultDelayAndAbortAreRead() {
        HttpFaultInjection fault = route(parse("""
                fault:
                  delay: {fixedDelay: 7s, percentage: {value: 12.5}}
                  abort: {httpStatus: 503, percentage: {value: 100}}
                """)).fault().orElseThrow();

        assertThat(fault.delay()).contains(new HttpFaultInjection.Delay(
                Optional.of(new HttpFaultInjection.FixedDelay(Duration.ofSeconds(7))), Optional.of(new Percent(12.5)), 0));
        assertThat(fault.abort()).contains(new HttpFaultInjection.Abort(
                Optional.of(new HttpFaultInjection.HttpStatus(503)), Optional.of(new Percent(100))));
    }

    @Test
    void deprecatedDelayPercentIsRead() {
        HttpFaultInjection.Delay delay = route(parse("fault: {delay: {fixedDelay: 2s, percent: 100}}"))
                .fault().orElseThrow().delay().orElseThrow();

        assertThat(delay.percent()).isEqualTo(100);
        assertThat(delay.percentage()).isEmpty();
    }

    @Test
    void grpcStatusIsKeptAsWritten() {
        HttpFaultInjection.Abort abort = route(parse("fault: {abort: {grpcStatus: UNAVAILABLE}}"))
                .fault().orElseThrow().abort().orElseThrow();

        assertThat(abort.errorType()).contains(new HttpFaultInjection.GrpcStatus("UNAVAILABLE"));
        assertThat(abort.percentage()).isEmpty();
    }

    @Test
    void abortErrorTypeIsAOneOf() {
        assertThat(findings(parse("fault: {abort: {httpStatus: 503, grpcStatus: UNAVAILABLE}}"))).containsExactly(
                "ERROR 7 spec.http[0].fault.abort: more than one of httpStatus, grpcStatus (expected: at most one)");
    }

    @Test
    void delayTypeIsAOneOf() {
        assertThat(findings(parse("fault: {delay: {fixedDelay: 1s, exponentialDelay: 2s}}"))).containsExactly(
                "ERROR 7 spec.http[0].fault.delay: more than one of fixedDelay, exponentialDelay (expected: at most one)");
    }

    @Test
    void abortPercentIsARemovedFieldAndIgnored() {
        ParsedFile parsed = parse("fault: {abort: {httpStatus: 500, percent: 50}}");

        assertThat(findings(parsed)).containsExactly(
                "WARNING 7 spec.http[0].fault.abort.percent: removed from the Istio API, ignored");
        assertThat(parsed.findings().get(0).code()).isEqualTo(ConfigCodes.DEPRECATED);
    }

    @Test
    void mirrorWithPercentageIsRead() {
        HttpRoute route = route(parse("""
                mirror: {host: shadow.local, subset: v2, port: {number: 8080}}
                mirrorPercentage: {value: 25.5}
                """));

        assertThat(route.mirror()).contains(new Destination("shadow.local", "v2", 8080));
        assertThat(route.mirrorPercentage()).contains(new Percent(25.5));
        assertThat(route.mirrorPercent()).isEmpty();
    }

    @Test
    void mirrorPercentSpelledWithItsProtoNameIsTheSameFieldAtTheSamePath() {
        ParsedFile parsed = parse("mirror: {host: shadow.local}\nmirror_percent: 30");

        assertThat(route(parsed).mirrorPercent()).hasValue(30);
        assertThat(((VirtualService) parsed.resources().get(0)).positions().byPath())
                .as("position recorded under the JSON name").containsKey("spec.http[0].mirrorPercent");
    }

    @Test
    void mirrorPercentWrittenTwiceIsAnError() {
        assertThat(findings(parse("mirror: {host: shadow.local}\nmirrorPercent: 30\nmirror_percent: 40"))).containsExactly(
                "ERROR 9 spec.http[0].mirror_percent: mirror_percent is mirrorPercent (expected: only one of them)");
    }

    @Test
    void mirrorsAreReadInOrder() {
        HttpRoute route = route(parse("""
                mirrors:
                - destination: {host: one.local}
                - destination: {host: two.local}
                  percentage: {value: 5}
                """));

        assertThat(route.mirrors()).containsExactly(
                new HttpMirror(Optional.of(new Destination("one.local", "", 0)), Optional.empty()),
                new HttpMirror(Optional.of(new Destination("two.local", "", 0)), Optional.of(new Percent(5))));
    }

    @Test
    void corsPolicyIsRead() {
        CorsPolicy cors = route(parse("""
                corsPolicy:
                  allowOrigins: [{exact: 'https://a.example.com'}, {regex: 'https://.*[.]b[.]com'}]
                  allowOrigin: ['https://old.example.com']
                  allowMethods: [GET, POST]
                  allowHeaders: [content-type]
                  exposeHeaders: [x-trace]
                  maxAge: 24h
                  allowCredentials: false
                  unmatchedPreflights: IGNORE
                """)).corsPolicy().orElseThrow();

        assertThat(cors).isEqualTo(new CorsPolicy(
                List.of(new StringMatch.Exact("https://a.example.com"), new StringMatch.Regex("https://.*[.]b[.]com")),
                List.of("https://old.example.com"), List.of("GET", "POST"), List.of("content-type"), List.of("x-trace"),
                Optional.of(Duration.ofHours(24)), Optional.of(false), CorsPolicy.IGNORE));
    }

    @Test
    void unknownUnmatchedPreflightsIsAnError() {
        assertThat(findings(parse("corsPolicy: {unmatchedPreflights: DROP}"))).containsExactly(
                "ERROR 7 spec.http[0].corsPolicy.unmatchedPreflights: DROP (expected: UNSPECIFIED, FORWARD or IGNORE)");
    }

    @Test
    void unknownFieldsInsideThePoliciesAreErrors() {
        assertThat(findings(parse("retries: {attempts: 1, perTryTimout: 1s}\ncorsPolicy: {allowOrigns: []}")))
                .extracting(line -> line.substring(line.indexOf(' ') + 1))
                .containsExactlyInAnyOrder("7 spec.http[0].retries.perTryTimout: unknown field (not an Istio API field)",
                        "8 spec.http[0].corsPolicy.allowOrigns: unknown field (not an Istio API field)");
    }

    @Test
    void thePoliciesAreNoLongerReportedAsNotSupported() {
        ParsedFile parsed = parse("""
                timeout: 5s
                retries: {attempts: 1}
                fault: {abort: {httpStatus: 500, percentage: {value: 1}}}
                mirror: {host: shadow.local}
                mirrorPercentage: {value: 10}
                corsPolicy: {allowOrigins: [{exact: 'https://a.example.com'}]}
                """);

        assertThat(parsed.findings()).extracting(ConfigError::code).doesNotContain(ConfigCodes.NOT_SUPPORTED);
    }
}
