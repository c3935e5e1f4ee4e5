package io.foresail.core.accesslog;

import static io.foresail.core.accesslog.SampleOutcomes.forwarded;
import static io.foresail.core.accesslog.SampleOutcomes.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.core.http.ResponseFlag;
import io.foresail.core.proxy.ExchangeOutcome;
import org.junit.jupiter.api.Test;

class ResponseCodeDetailsTest {

    private static final ExchangeOutcome PROXIED = SampleOutcomes.proxied();

    private static String details(ResponseFlag flag, int status, ExchangeOutcome.Forwarded forwarded) {
        return ResponseCodeDetails.of(with(PROXIED, flag, status, forwarded));
    }

    @Test
    void relayedResponseIsViaUpstreamWhateverItsStatus() {
        assertThat(details(ResponseFlag.NONE, 503, forwarded(1, null))).isEqualTo("via_upstream");
    }

    @Test
    void responseRelayedAtTheRetryLimitIsViaUpstream() {
        assertThat(details(ResponseFlag.URX, 503, forwarded(1, null))).isEqualTo("via_upstream");
    }

    @Test
    void delayedThenRelayedIsViaUpstream() {
        assertThat(details(ResponseFlag.DI, 200, forwarded(1, null))).isEqualTo("via_upstream");
    }

    @Test
    void noRouteIsRouteNotFound() {
        assertThat(ResponseCodeDetails.of(SampleOutcomes.noRoute())).isEqualTo("route_not_found");
    }

    @Test
    void missingClusterIsClusterNotFound() {
        assertThat(details(ResponseFlag.NC, 503, null)).isEqualTo("cluster_not_found");
    }

    @Test
    void noEndpointIsNoHealthyUpstream() {
        assertThat(details(ResponseFlag.UH, 503, null)).isEqualTo("no_healthy_upstream");
    }

    @Test
    void refusedConnectIsEarlyResetWithConnectionFailure() {
        assertThat(ResponseCodeDetails.of(SampleOutcomes.connectFailure(null)))
                .isEqualTo("upstream_reset_before_response_started{connection_failure}");
    }

    @Test
    void tlsFailureAddsTheTransportFailureWithUnderscoresForSpaces() {
        assertThat(ResponseCodeDetails.of(SampleOutcomes.connectFailure("TLS_error:|1:SSL routines:x:Y")))
                .isEqualTo("upstream_reset_before_response_started{connection_failure|TLS_error:|1:SSL_routines:x:Y}");
    }

    @Test
    void upstreamClosingBeforeTheHeadIsEarlyResetWithConnectionTermination() {
        assertThat(details(ResponseFlag.UC, 503, forwarded(-1, null)))
                .isEqualTo("upstream_reset_before_response_started{connection_termination}");
    }

    @Test
    void upstreamClosingAfterTheHeadIsLateReset() {
        assertThat(details(ResponseFlag.UC, 200, forwarded(4, null)))
                .isEqualTo("upstream_reset_after_response_started{connection_termination}");
    }

    @Test
    void invalidUpstreamResponseIsResetWithProtocolError() {
        assertThat(details(ResponseFlag.UPE, 502, forwarded(-1, null)))
                .isEqualTo("upstream_reset_before_response_started{protocol_error}");
    }

    @Test
    void upstreamTimeoutIsResponseTimeout() {
        assertThat(details(ResponseFlag.UT, 504, forwarded(-1, null))).isEqualTo("response_timeout");
    }

    @Test
    void faultAbortIsFaultFilterAbort() {
        assertThat(details(ResponseFlag.FI, 418, null)).isEqualTo("fault_filter_abort");
    }

    @Test
    void clientGoneIsDownstreamRemoteDisconnect() {
        assertThat(details(ResponseFlag.DC, 0, forwarded(-1, null))).isEqualTo("downstream_remote_disconnect");
    }

    @Test
    void oversizedHeadIsHeadersTooLargeAndOtherBadRequestsCodecError() {
        assertThat(details(ResponseFlag.DPE, 431, null)).isEqualTo("http1.headers_too_large");
        assertThat(details(ResponseFlag.DPE, 400, null)).isEqualTo("http1.codec_error");
    }

    @Test
    void answerWithoutFlagOrClusterIsDirectResponse() {
        ExchangeOutcome redirect = SampleOutcomes.withCluster(with(PROXIED, ResponseFlag.NONE, 301, null), null);
        assertThat(ResponseCodeDetails.of(redirect)).as("redirects and directResponse routes").isEqualTo("direct_response");
    }

    @Test
    void answerWithoutFlagAfterARouteChoseAClusterIsCorsPreflight() {
        assertThat(details(ResponseFlag.NONE, 200, null)).isEqualTo("cors_response");
    }
}
