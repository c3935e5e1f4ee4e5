package io.foresail.core.proxy;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of expected network failures, incremented instead of logging them. Shared by all event
 * loops of one server; read by the metrics layer.
 */
public final class ProxyCounters {

    final LongAdder downstreamProtocolErrors = new LongAdder();
    final LongAdder downstreamResets = new LongAdder();
    final LongAdder downstreamClosedEarly = new LongAdder();
    final LongAdder upstreamConnectFailures = new LongAdder();
    final LongAdder upstreamResets = new LongAdder();
    final LongAdder upstreamProtocolErrors = new LongAdder();
    final LongAdder upstreamTimeouts = new LongAdder();
    final LongAdder upstreamRetries = new LongAdder();
    final LongAdder unexpectedErrors = new LongAdder();
    final LongAdder mirrorRequests = new LongAdder();
    final LongAdder mirrorResponses = new LongAdder();
    final LongAdder mirrorFailures = new LongAdder();
    final LongAdder mirrorsAbandoned = new LongAdder();
    private final LongAdder noFilterChain = new LongAdder();
    private final LongAdder tcpNoUpstream = new LongAdder();
    private final LongAdder tcpConnectFailures = new LongAdder();
    private final LongAdder tcpResets = new LongAdder();
    /** By {@link TlsFailures.Reason#ordinal()}. */
    private final LongAdder[] downstreamTlsErrors = adders(TlsFailures.Reason.values().length);
    private final LongAdder downstreamTlsHandshakes = new LongAdder();

    private static LongAdder[] adders(int count) {
        LongAdder[] adders = new LongAdder[count];
        for (int i = 0; i < count; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }

    /** Malformed or oversized downstream requests (400/414/431, flag DPE). */
    public long downstreamProtocolErrors() {
        return downstreamProtocolErrors.sum();
    }

    /** Downstream connections that failed with an I/O error (reset by peer and the like). */
    public long downstreamResets() {
        return downstreamResets.sum();
    }

    /** Requests abandoned because the client closed before the response was complete (flag DC). */
    public long downstreamClosedEarly() {
        return downstreamClosedEarly.sum();
    }

    /** Upstream connection attempts that failed or timed out (flag UF). */
    public long upstreamConnectFailures() {
        return upstreamConnectFailures.sum();
    }

    /** Upstream connections that closed or failed while carrying a request (flag UC). */
    public long upstreamResets() {
        return upstreamResets.sum();
    }

    /** Upstream responses that were not valid HTTP/1.1 (flag UPE). */
    public long upstreamProtocolErrors() {
        return upstreamProtocolErrors.sum();
    }

    /** Route timeouts and per-try timeouts that expired before the response was complete (flag UT). */
    public long upstreamTimeouts() {
        return upstreamTimeouts.sum();
    }

    /** Retries made under routes' retry policies (not counting the re-send on a pooled connection found closed). */
    public long upstreamRetries() {
        return upstreamRetries.sum();
    }

    /** Exceptions that are not expected network failures: bugs, logged once each. */
    public long unexpectedErrors() {
        return unexpectedErrors.sum();
    }

    /** Mirrored requests started: a route's mirror drawn for a request, its cluster present (Envoy: shadow requests). */
    public long mirrorRequests() {
        return mirrorRequests.sum();
    }

    /** Mirrored requests whose response was read to its end (and discarded). */
    public long mirrorResponses() {
        return mirrorResponses.sum();
    }

    /**
     * Mirrored requests that failed on their own: no endpoint in the mirror's cluster, a failed
     * connect or TLS handshake, the connection closed or reset before the response ended, or a
     * response that is not valid HTTP/1.1. The client's response never depends on them.
     */
    public long mirrorFailures() {
        return mirrorFailures.sum();
    }

    /**
     * Mirrored requests given up by the proxy: more request body held for the mirror than it
     * takes in (the mirror falls behind the client), the mirror's time bound passed, or the
     * client's request ended before its body was complete.
     */
    public long mirrorsAbandoned() {
        return mirrorsAbandoned.sum();
    }

    /** A connection closed because no chain of its port takes it (Envoy: {@code NR filter_chain_not_found}). */
    public void countNoFilterChain() {
        noFilterChain.increment();
    }

    /** Connections closed because no TLS chain or plaintext target of the port takes them. */
    public long noFilterChain() {
        return noFilterChain.sum();
    }

    /** A TCP forward whose destination has no cluster or no endpoint (Envoy: {@code NC}, {@code UH}). */
    public void countTcpNoUpstream() {
        tcpNoUpstream.increment();
    }

    /** TCP-forwarded connections closed because their destination had no cluster or no endpoint. */
    public long tcpNoUpstream() {
        return tcpNoUpstream.sum();
    }

    /** A TCP forward whose upstream connect failed or timed out (Envoy: {@code UF}). */
    public void countTcpConnectFailure() {
        tcpConnectFailures.increment();
    }

    /** TCP-forwarded connections closed because their upstream connect failed or timed out. */
    public long tcpConnectFailures() {
        return tcpConnectFailures.sum();
    }

    /** A TCP-forwarded connection ended by an I/O error (reset) on either side. */
    public void countTcpReset() {
        tcpResets.increment();
    }

    /** TCP-forwarded connections ended by an I/O error on either side. */
    public long tcpResets() {
        return tcpResets.sum();
    }

    /**
     * A downstream connection closed on a TLS failure: a refused handshake (untrusted, missing or
     * revoked client certificate, no common version or cipher suite, bytes that are not TLS) or a
     * record that does not decrypt. Envoy counts these as {@code ssl.connection_error} and
     * {@code ssl.fail_verify_*}; counted by {@link TlsFailures#reason}.
     */
    public void countDownstreamTlsError(Throwable cause) {
        downstreamTlsErrors[TlsFailures.reason(cause).ordinal()].increment();
    }

    /** Downstream connections (HTTP or TCP-forwarded) closed on a TLS failure, whatever the reason. */
    public long downstreamTlsErrors() {
        long errors = 0;
        for (LongAdder byReason : downstreamTlsErrors) {
            errors += byReason.sum();
        }
        return errors;
    }

    /** Downstream connections closed on a TLS failure for {@code reason}. */
    public long downstreamTlsErrors(TlsFailures.Reason reason) {
        return downstreamTlsErrors[reason.ordinal()].sum();
    }

    /** A downstream TLS handshake completed (Envoy: {@code ssl.handshake}). */
    public void countDownstreamTlsHandshake() {
        downstreamTlsHandshakes.increment();
    }

    /** Downstream TLS handshakes completed on terminated chains. */
    public long downstreamTlsHandshakes() {
        return downstreamTlsHandshakes.sum();
    }

    /** An exception that is not an expected network failure, logged once by the caller. */
    public void countUnexpectedError() {
        unexpectedErrors.increment();
    }
}
