package io.foresail.core.http;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

/** The status for a request the HTTP/1.1 decoder rejected, as Envoy and nginx answer it. */
public final class MalformedRequests {

    private MalformedRequests() {
    }

    /** 414 for an overlong request line, 431 for an oversized head, 413 for other size limits, else 400. */
    public static HttpResponseStatus status(Throwable decoderFailure) {
        if (decoderFailure instanceof TooLongHttpLineException) {
            return HttpResponseStatus.REQUEST_URI_TOO_LONG;
        }
        if (decoderFailure instanceof TooLongHttpHeaderException) {
            return HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
        }
        if (decoderFailure instanceof TooLongFrameException) {
            return HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
        }
        return HttpResponseStatus.BAD_REQUEST;
    }
}
