package io.foresail.tls.context;

import io.netty.handler.ssl.SslContext;
import java.util.List;
import java.util.Objects;

/** A built context and the warnings found while building it (reported again on every load that reuses it). */
record BuiltContext(SslContext context, List<TlsProblem> warnings) {

    BuiltContext {
        Objects.requireNonNull(context, "context");
        warnings = List.copyOf(warnings);
    }
}
