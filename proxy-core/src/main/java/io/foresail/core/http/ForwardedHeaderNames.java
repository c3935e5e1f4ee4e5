package io.foresail.core.http;

import io.netty.util.AsciiString;

/** Lower-case names of the headers an edge proxy adds to forwarded requests. */
public final class ForwardedHeaderNames {

    public static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    public static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    public static final AsciiString X_REQUEST_ID = AsciiString.cached("x-request-id");

    private ForwardedHeaderNames() {
    }
}
