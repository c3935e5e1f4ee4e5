package io.foresail.core.http;

/**
 * Why a request ended the way it did, in Envoy's access-log vocabulary, so logs and the
 * {@code response_flags} metric tag read the same as an Istio gateway's.
 */
public enum ResponseFlag {
    /** Nothing unusual happened ({@code -} in an access log). */
    NONE("-"),
    /** No virtual host or no route matched (404). */
    NR("NR"),
    /** The route points at a cluster that does not exist (503). */
    NC("NC"),
    /** The cluster has no endpoint to send to (503). */
    UH("UH"),
    /** Connecting to the upstream failed or timed out (503). */
    UF("UF"),
    /** The upstream connection closed before or during the response (503 before the head). */
    UC("UC"),
    /** The upstream sent something that is not valid HTTP/1.1 (502). */
    UPE("UPE"),
    /** The downstream connection closed before the response was complete. */
    DC("DC"),
    /** The downstream request was not valid HTTP/1.1 (400, 414, 431). */
    DPE("DPE"),
    /** The upstream did not finish the response head within the route's timeout (504). */
    UT("UT"),
    /** The upstream answered or failed after the retry limit was reached. */
    URX("URX"),
    /** The request was aborted by fault injection. */
    FI("FI"),
    /** The request was delayed by fault injection. */
    DI("DI");

    private final String code;

    ResponseFlag(String code) {
        this.code = code;
    }

    /** The access-log code: {@code UF}, or {@code -} for {@link #NONE}. */
    public String code() {
        return code;
    }
}
