package io.foresail.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.config.table.RoutingTable;
import io.foresail.core.runtime.ProxySnapshot;
import io.foresail.core.runtime.SnapshotHolder;
import io.foresail.tls.context.TlsContextCache;
import io.foresail.tls.context.TlsContextLoader;
import io.foresail.tls.context.TlsContexts;
import io.foresail.tls.context.TlsLoadResult;
import io.foresail.tls.context.TlsProvider;
import java.time.Clock;

/**
 * The TLS contexts of a table built by the real {@link TlsContextLoader} (certificate files read
 * and parsed, contexts built with the chosen provider), as the CLI builds them; a rejected load
 * fails the test.
 */
public final class LoadedTlsContexts {

    private LoadedTlsContexts() {
    }

    /** Every server and client context of {@code table}, built with {@code provider}. */
    public static TlsContexts of(RoutingTable table, TlsProvider provider) {
        TlsLoadResult result = new TlsContextLoader(provider, new TlsContextCache(), Clock.systemUTC()).load(table);
        assertThat(result).as("TLS load result of the test table: %s", result).isInstanceOf(TlsLoadResult.Loaded.class);
        return ((TlsLoadResult.Loaded) result).contexts();
    }

    /** A holder of version 1 of {@code table} with its contexts built with {@code provider}. */
    public static SnapshotHolder holder(RoutingTable table, TlsProvider provider) {
        return new SnapshotHolder(new ProxySnapshot(table, of(table, provider), 1));
    }
}
