package io.foresail.config.yaml;

import io.foresail.config.model.HttpRetry;
import java.util.Optional;

/** Binds a route's {@code retries} ({@code HTTPRetry}). */
final class RetryReader {

    private RetryReader() {
    }

    static Optional<HttpRetry> read(MappingReader route) {
        return route.object("retries", retries -> new HttpRetry(retries.int32("attempts"),
                retries.duration("perTryTimeout"), retries.string("retryOn"),
                retries.optionalBool("retryRemoteLocalities"), retries.optionalBool("retryIgnorePreviousHosts"),
                retries.duration("backoff")));
    }
}
