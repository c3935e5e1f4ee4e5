package io.foresail.config.yaml;

import io.foresail.config.model.HeaderOperations;
import io.foresail.config.model.Headers;

/** Binds Istio's {@code Headers} ({@code request} and {@code response} {@code HeaderOperations}). */
final class HeadersReader {

    private HeadersReader() {
    }

    /** The {@code headers} field of {@code owner} (a route or a route destination); {@link Headers#NONE} when absent. */
    static Headers read(MappingReader owner) {
        return owner.object("headers", headers -> new Headers(
                headers.object("request", HeadersReader::operations).orElse(HeaderOperations.NONE),
                headers.object("response", HeadersReader::operations).orElse(HeaderOperations.NONE)))
                .orElse(Headers.NONE);
    }

    private static HeaderOperations operations(MappingReader operations) {
        return new HeaderOperations(operations.stringMap("set"), operations.stringMap("add"), operations.strings("remove"));
    }
}
