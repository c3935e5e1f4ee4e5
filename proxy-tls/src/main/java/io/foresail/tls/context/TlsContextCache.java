package io.foresail.tls.context;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.netty.handler.ssl.SslProvider;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Built contexts by (settings, SHA-256 of the referenced files' contents, provider), shared across
 * snapshots: an unchanged certificate keeps its context (and its session cache) through a reload,
 * a changed file gives a new one. Failed builds are never cached. Bounded: the least used entries
 * go first; a context still held by a snapshot or a connection stays usable after eviction.
 */
public final class TlsContextCache {

    /** Enough for every certificate of a large gateway plus the previous generation of each. */
    public static final long DEFAULT_MAXIMUM_SIZE = 1024;

    private final Cache<Key, BuiltContext> contexts;

    public TlsContextCache() {
        this(DEFAULT_MAXIMUM_SIZE);
    }

    public TlsContextCache(long maximumSize) {
        if (maximumSize < 1) {
            throw new IllegalArgumentException("maximumSize: " + maximumSize + " (expected: >= 1)");
        }
        this.contexts = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    /** Entries held now (after pending maintenance). */
    public long size() {
        contexts.cleanUp();
        return contexts.estimatedSize();
    }

    BuiltContext get(Object settings, String contentDigest, SslProvider provider, Supplier<BuiltContext> build) {
        return contexts.get(new Key(settings, contentDigest, provider), key -> build.get());
    }

    /** Settings are {@code ServerTlsSettings} or {@code UpstreamTlsSettings}; equal records, equal key. */
    private record Key(Object settings, String contentDigest, SslProvider provider) {
        Key {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(contentDigest, "contentDigest");
            Objects.requireNonNull(provider, "provider");
        }
    }
}
