package io.foresail.core.router;

import io.foresail.config.table.HeaderOperations;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * Applies Istio's compiled header operations to a head, in Envoy's order: {@code remove}, then
 * {@code set} (overwrite or add), then {@code add} (append another value). Names were lower-cased
 * at compile time.
 */
public final class HeaderMutations {

    private HeaderMutations() {
    }

    public static void apply(HeaderOperations operations, HttpHeaders headers) {
        if (operations.isEmpty()) {
            return;
        }
        for (String name : operations.remove()) {
            headers.remove(name);
        }
        for (HeaderOperations.Header header : operations.set()) {
            headers.set(header.name(), header.value());
        }
        for (HeaderOperations.Header header : operations.add()) {
            headers.add(header.name(), header.value());
        }
    }
}
