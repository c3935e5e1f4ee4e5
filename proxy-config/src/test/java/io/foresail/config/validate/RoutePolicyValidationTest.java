package io.foresail.config.validate;

import io.foresail.config.model.ConfigCodes;
import io.foresail.config.model.ConfigError;
import io.foresail.config.reload.LoadResult;
import io.foresail.config.testing.ConfigFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.foresail.config.testing.ConfigFixture.errors;
import static io.foresail.config.testing.ConfigFixture.warnings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Validation of {@code timeout}, {@code retries}, {@code fault}, {@code mirror}/{@code mirrors} and
 * {@code corsPolicy}, with Istio's messages, each at its file line and field path.
 */
class RoutePolicyValidationTest {

    @TempDir
    Path folder;

    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(folder);
    }

    /**
     * A VirtualService whose only route forwards to echo.local and has {@code fields} (YAML at the
     * route's level); the first line of {@code fields} is line 48 of the file.
     */
    private LoadResult load(String fields) {
        String yaml = """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: vs}
                spec:
                  hosts: [a.example.com]
                  gateways: [edge]
                  http:
                  - route:
                    - destination: {host: echo.local}
                %s
                """.formatted(fields.indent(4).stripTrailing());
        return fixture.load(ConfigFixture.GATEWAY + ConfigFixture.ECHO_SERVICE + yaml);
    }

    private static List<String> described(List<ConfigError> findings) {
        return findings.stream().map(e -> e.fieldPath() + ": " + e.message()).toList();
    }

    private List<String> errorsOf(String fields) {
        return described(errors(load(fields)));
    }

    private List<String> warningsOf(String fields) {
        return described(warnings(load(fields)));
    }

    @Test
    void firstLineOfTheFieldsIsLine48() {
        assertThat(errors(load("timeout: 500us"))).extracting(e -> e.position().line() + " " + e.fieldPath())
                .as("the helper's line arithmetic used by the tests below").containsExactly("48 spec.http[0].timeout");
    }

    @Test
    void wellFormedPoliciesHaveNoFindings() {
        LoadResult result = load("""
                timeout: 2s
                retries: {attempts: 3, perTryTimeout: 500ms, retryOn: 'gateway-error,connect-failure,503'}
                fault:
                  delay: {fixedDelay: 1s, percentage: {value: 0.5}}
                  abort: {grpcStatus: UNAVAILABLE, percentage: {value: 10}}
                mirror: {host: echo.local, subset: v2}
                mirrorPercentage: {value: 50}
                corsPolicy:
                  allowOrigins: [{exact: 'https://a.example.com'}, {prefix: 'https://b.'}, {regex: 'https://[a-z]+[.]c[.]com'}]
                  allowMethods: [GET, POST, '*']
                  allowHeaders: [content-type, '*']
                  exposeHeaders: [x-trace]
                  maxAge: 24h
                  allowCredentials: true
                """);

        assertThat(result.findings()).as("findings").isEmpty();
    }

    @Test
    void subMillisecondTimeoutIsRejected() {
        assertThat(errorsOf("timeout: 500us")).containsExactly("spec.http[0].timeout: duration must be greater than 1ms");
    }

    @Test
    void timeoutMustBeWholeMilliseconds() {
        assertThat(errorsOf("timeout: 1500100us"))
                .containsExactly("spec.http[0].timeout: only durations to ms precision are supported");
    }

    @Test
    void zeroTimeoutIsAcceptedWithAWarningThatIstioRejectsIt() {
        LoadResult result = load("timeout: 0s");

        assertThat(errors(result)).isEmpty();
        assertThat(described(warnings(result))).containsExactly("spec.http[0].timeout: 0s means no timeout here, as in Envoy; "
                + "Istio's validation rejects it (duration must be greater than 1ms): leave timeout out instead");
    }

    @Test
    void negativeTimeoutIsRejectedWhenRead() {
        assertThat(errorsOf("timeout: -5s"))
                .containsExactly("spec.http[0].timeout: -5s (expected: a duration of at least 1ms, not negative)");
    }

    @Test
    void unknownRetryOnPolicyIsRejectedByName() {
        List<ConfigError> errors = errors(load("retries: {attempts: 2, retryOn: '5xx,gateway-eror,599'}"));

        assertThat(errors).extracting(e -> e.position().line() + " " + e.fieldPath() + ": " + e.message())
                .as("599 has no status text, so it is not a status code either").containsExactly(
                        "48 spec.http[0].retries.retryOn: \"gateway-eror\" is not a valid retryOn policy",
                        "48 spec.http[0].retries.retryOn: \"599\" is not a valid retryOn policy");
    }

    @Test
    void retryOnIsNotTrimmedAsIstioDoesNotTrimIt() {
        assertThat(errorsOf("retries: {attempts: 2, retryOn: '5xx, reset'}"))
                .containsExactly("spec.http[0].retries.retryOn: \" reset\" is not a valid retryOn policy");
    }

    @Test
    void retryFieldsWithZeroAttemptsAreRejected() {
        assertThat(errorsOf("retries: {retryOn: 5xx}"))
                .as("attempts not written is 0").containsExactly(
                        "spec.http[0].retries: http retry policy configured when attempts are set to 0 (disabled)");
    }

    @Test
    void zeroAttemptsAloneDisablesRetriesWithoutFinding() {
        assertThat(load("retries: {attempts: 0}").findings()).isEmpty();
    }

    @Test
    void negativeAttemptsAreRejected() {
        assertThat(errorsOf("retries: {attempts: -1}")).containsExactly("spec.http[0].retries.attempts: attempts cannot be negative");
    }

    @Test
    void perTryTimeoutBelowOneMillisecondIsRejected() {
        assertThat(errorsOf("retries: {attempts: 1, perTryTimeout: 0s}"))
                .containsExactly("spec.http[0].retries.perTryTimeout: duration must be greater than 1ms");
    }

    @Test
    void backoffBelowOneMillisecondIsRejected() {
        assertThat(errorsOf("retries: {attempts: 1, backoff: 100us}"))
                .containsExactly("spec.http[0].retries.backoff: duration must be greater than 1ms");
    }

    @Test
    void faultWithoutDelayOrAbortIsRejected() {
        assertThat(errorsOf("fault: {}")).containsExactly("spec.http[0].fault: HTTP fault injection must have an abort and/or a delay");
    }

    @Test
    void abortHttpStatusOutside200To599IsRejected() {
        assertThat(errorsOf("fault: {abort: {httpStatus: 600, percentage: {value: 1}}}"))
                .containsExactly("spec.http[0].fault.abort.httpStatus: HTTP status 600 is not in range 200-599");
    }

    @Test
    void unknownGrpcStatusNameIsRejected() {
        assertThat(errorsOf("fault: {abort: {grpcStatus: '14', percentage: {value: 1}}}")).containsExactly(
                "spec.http[0].fault.abort.grpcStatus: gRPC status \"14\" is not supported. See "
                        + "https://github.com/grpc/grpc/blob/master/doc/statuscodes.md for a list of supported codes, "
                        + "for example 'NOT_FOUND'");
    }

    @Test
    void http2ErrorAbortIsRejected() {
        assertThat(errorsOf("fault: {abort: {http2Error: REFUSED_STREAM, percentage: {value: 1}}}"))
                .containsExactly("spec.http[0].fault.abort.http2Error: HTTP/2 abort fault injection not supported yet");
    }

    @Test
    void abortWithoutErrorTypeIsAWarning() {
        assertThat(warningsOf("fault: {abort: {percentage: {value: 1}}}"))
                .containsExactly("spec.http[0].fault.abort: abort configured, but error type not set");
    }

    @Test
    void abortWithoutPercentageIsAWarningThatItNeverApplies() {
        assertThat(warningsOf("fault: {abort: {httpStatus: 503}}"))
                .containsExactly("spec.http[0].fault.abort: abort has no percentage: it is never injected (Istio's default of 0%)");
    }

    @Test
    void faultPercentageOutside0To100IsRejected() {
        assertThat(errorsOf("fault: {delay: {fixedDelay: 1s, percentage: {value: 150}}}"))
                .containsExactly("spec.http[0].fault.delay.percentage: percentage 150 is neither 0.0, nor in range [0.0001, 100.0]");
    }

    @Test
    void faultPercentageBelowIstiosPrecisionIsRejected() {
        assertThat(errorsOf("fault: {abort: {httpStatus: 500, percentage: {value: 0.00001}}}")).containsExactly(
                "spec.http[0].fault.abort.percentage: percentage 1e-05 is neither 0.0, nor in range [0.0001, 100.0]");
    }

    @Test
    void exponentialDelayIsRejected() {
        assertThat(errorsOf("fault: {delay: {exponentialDelay: 1s, percentage: {value: 1}}}"))
                .containsExactly("spec.http[0].fault.delay.exponentialDelay: exponentialDelay not supported yet");
    }

    @Test
    void fixedDelayBelowOneMillisecondIsRejected() {
        assertThat(errorsOf("fault: {delay: {fixedDelay: 0s, percentage: {value: 1}}}"))
                .containsExactly("spec.http[0].fault.delay.fixedDelay: duration must be greater than 1ms");
    }

    @Test
    void deprecatedDelayPercentIsAcceptedWithIstioctlsDeprecationWarning() {
        LoadResult result = load("fault: {delay: {fixedDelay: 2s, percent: 100}}");

        assertThat(errors(result)).isEmpty();
        assertThat(warnings(result)).extracting(ConfigError::code, e -> e.fieldPath() + ": " + e.message()).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ConfigCodes.DEPRECATED, "spec.http[0].fault.delay.percent: "
                        + "HTTPRoute.fault.delay.percent is deprecated; use HTTPRoute.fault.delay.percentage"));
    }

    @Test
    void deprecatedDelayPercentOutside0To100IsRejected() {
        assertThat(errorsOf("fault: {delay: {fixedDelay: 2s, percent: 101}}"))
                .containsExactly("spec.http[0].fault.delay.percent: percentage 101 is not in range 0..100");
    }

    @Test
    void delayWithoutAnyPercentageIsAWarningThatItNeverApplies() {
        assertThat(warningsOf("fault: {delay: {fixedDelay: 2s}}"))
                .containsExactly("spec.http[0].fault.delay: delay has no percentage: it is never injected (Istio's default of 0%)");
    }

    @Test
    void faultAndRedirectConflict() {
        String yaml = """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: vs}
                spec:
                  hosts: [a.example.com]
                  gateways: [edge]
                  http:
                  - redirect: {uri: /b}
                    fault: {abort: {httpStatus: 500, percentage: {value: 1}}}
                """;
        assertThat(described(errors(fixture.load(ConfigFixture.GATEWAY + yaml))))
                .containsExactly("spec.http[0]: HTTP route cannot contain both fault and redirect");
    }

    @Test
    void faultAndDirectResponseConflict() {
        String yaml = """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: vs}
                spec:
                  hosts: [a.example.com]
                  gateways: [edge]
                  http:
                  - directResponse: {status: 200}
                    fault: {abort: {httpStatus: 500, percentage: {value: 1}}}
                """;
        assertThat(described(errors(fixture.load(ConfigFixture.GATEWAY + yaml))))
                .containsExactly("spec.http[0]: HTTP route cannot contain both fault and direct_response");
    }

    @Test
    void mirrorAndMirrorsConflict() {
        assertThat(errorsOf("mirror: {host: echo.local}\nmirrors: [{destination: {host: echo.local}}]"))
                .containsExactly("spec.http[0]: HTTP route cannot contain both mirror and mirrors");
    }

    @Test
    void mirrorPercentageAbove100IsRejected() {
        assertThat(errorsOf("mirror: {host: echo.local}\nmirrorPercentage: {value: 100.5}"))
                .containsExactly("spec.http[0].mirrorPercentage: mirror_percentage must have a max value of 100 (it has 100.500000)");
    }

    @Test
    void negativeMirrorPercentageIsRejected() {
        assertThat(errorsOf("mirror: {host: echo.local}\nmirrorPercentage: {value: -1}"))
                .containsExactly("spec.http[0].mirrorPercentage: mirror_percentage must have a min value of 0 (it has -1.000000)");
    }

    @Test
    void deprecatedMirrorPercentIsAWarning() {
        LoadResult result = load("mirror: {host: echo.local}\nmirrorPercent: 50");

        assertThat(errors(result)).isEmpty();
        assertThat(warnings(result)).extracting(ConfigError::code, e -> e.position().line() + " " + e.fieldPath() + ": "
                + e.message()).containsExactly(org.assertj.core.groups.Tuple.tuple(ConfigCodes.DEPRECATED,
                "49 spec.http[0].mirrorPercent: using deprecated setting \"mirrorPercent\", use \"mirrorPercentage\" instead"));
    }

    @Test
    void deprecatedMirrorPercentAbove100IsRejected() {
        assertThat(errorsOf("mirror: {host: echo.local}\nmirror_percent: 150"))
                .containsExactly("spec.http[0].mirrorPercent: mirror_percent must have a max value of 100 (it has 150)");
    }

    @Test
    void mirrorDestinationIsValidatedLikeARouteDestination() {
        assertThat(errorsOf("mirror: {host: '*'}")).containsExactly("spec.http[0].mirror.host: * (expected: a service host, not a wildcard)");
    }

    @Test
    void mirrorsEntryWithoutDestinationIsRejected() {
        assertThat(errorsOf("mirrors: [{percentage: {value: 5}}]"))
                .containsExactly("spec.http[0].mirrors[0].destination: destination is required for mirrors");
    }

    @Test
    void mirrorsPercentageAbove100IsRejected() {
        assertThat(errorsOf("mirrors: [{destination: {host: echo.local}, percentage: {value: 101}}]")).containsExactly(
                "spec.http[0].mirrors[0].percentage: mirror percentage must have a max value of 100 (it has 101.000000)");
    }

    @Test
    void mirrorToAnUndefinedHostIsAWarningThatNothingIsMirrored() {
        assertThat(warningsOf("mirror: {host: shadow.local}")).containsExactly("spec.http[0].mirror.host: destination host "
                + "shadow.local is not defined by any ServiceEntry (nothing is mirrored)");
    }

    @Test
    void mirrorPercentageWithoutMirrorIsAWarning() {
        assertThat(warningsOf("mirrorPercentage: {value: 5}"))
                .containsExactly("spec.http[0]: a mirror percentage without mirror has no effect");
    }

    @Test
    void corsMethodOutsideTheAllowedListIsRejected() {
        assertThat(errorsOf("corsPolicy: {allowMethods: [GET, get, PURGE]}")).containsExactly(
                "spec.http[0].corsPolicy.allowMethods[1]: \"get\" is not a supported HTTP method",
                "spec.http[0].corsPolicy.allowMethods[2]: \"PURGE\" is not a supported HTTP method");
    }

    @Test
    void emptyCorsOriginMatchIsRejected() {
        assertThat(errorsOf("corsPolicy: {allowOrigins: [{exact: ''}, {}]}")).containsExactly(
                "spec.http[0].corsPolicy.allowOrigins[0]: '' is not a valid match type for CORS allow origins",
                "spec.http[0].corsPolicy.allowOrigins[1]: '' is not a valid match type for CORS allow origins");
    }

    @Test
    void invalidCorsOriginRegexIsRejected() {
        assertThat(errorsOf("corsPolicy: {allowOrigins: [{regex: 'https://(a'}]}")).singleElement().asString()
                .startsWith("spec.http[0].corsPolicy.allowOrigins[0].regex: invalid regex: ");
    }

    @Test
    void corsHeaderNamesMustBeTokens() {
        assertThat(errorsOf("corsPolicy: {allowHeaders: ['x y', ''], exposeHeaders: ['a:b']}")).containsExactly(
                "spec.http[0].corsPolicy.allowHeaders[0]: header name x y is not a valid header name",
                "spec.http[0].corsPolicy.allowHeaders[1]: header name cannot be empty",
                "spec.http[0].corsPolicy.exposeHeaders[0]: header name a:b is not a valid header name");
    }

    @Test
    void corsMaxAgeWithSubSecondPrecisionIsRejectedAsIstioDoes() {
        assertThat(errorsOf("corsPolicy: {maxAge: 1500ms}"))
                .containsExactly("spec.http[0].corsPolicy.maxAge: max_age duration is accurate only to seconds precision");
    }

    @Test
    void deprecatedAllowOriginNextToAllowOriginsIsAWarningThatItIsIgnored() {
        assertThat(warningsOf("corsPolicy: {allowOrigins: [{exact: 'https://a'}], allowOrigin: ['https://b']}"))
                .containsExactly("spec.http[0].corsPolicy.allowOrigin: ignored: allowOrigins is set, and it takes precedence");
    }
}
