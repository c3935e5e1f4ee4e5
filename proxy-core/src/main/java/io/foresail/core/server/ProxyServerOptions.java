package io.foresail.core.server;

import io.foresail.core.http.ServerHeader;
import io.foresail.core.pool.UpstreamSettings;
import io.foresail.core.time.ProxyClock;
import io.foresail.core.upstream.TicketSource;
import java.time.Duration;
import java.util.Objects;

/**
 * How the data plane binds and runs. Start from {@link #defaults()} or {@link #builder()}.
 *
 * @param bindHost              address every listener binds ({@code 0.0.0.0}: all interfaces)
 * @param workerThreads         event loops serving connections (each owns its pools)
 * @param ephemeralPorts        test seam: bind every Gateway port as port 0 on {@code 127.0.0.1};
 *                              requests are still routed by the configured Gateway port
 * @param connectTimeout        upstream connect timeout (Istio's default 10 s), then 503 {@code UF}
 * @param upstreamIdleTimeout   close pooled upstream connections idle this long
 * @param downstreamIdleTimeout close client connections idle this long between requests
 * @param maxInitialLineLength  longest request line accepted, else 414 (8 KiB)
 * @param maxHeaderSize         largest request head accepted, else 431 (60 KiB like Envoy)
 * @param maxChunkSize          largest body chunk handed on at once (a streaming unit, not a limit)
 * @param shutdownTimeout       how long {@link ProxyServer#close()} waits for the event loops
 * @param transport             the I/O transport of the event loops ({@link TransportKind#AUTO}: io_uring, else epoll, else NIO)
 * @param clock                 test seam: the time of route timeouts, retry back-offs and fault delays
 * @param tickets               test seam: the draws of weighted destinations, fault and mirror percentages, retry jitter
 * @param serverHeader          the {@code server} header of proxied responses ({@code --server-header})
 */
public record ProxyServerOptions(String bindHost, int workerThreads, boolean ephemeralPorts, Duration connectTimeout,
                                 Duration upstreamIdleTimeout, Duration downstreamIdleTimeout, int maxInitialLineLength,
                                 int maxHeaderSize, int maxChunkSize, Duration shutdownTimeout, TransportKind transport,
                                 ProxyClock clock, TicketSource tickets, ServerHeader serverHeader) {

    public ProxyServerOptions {
        Objects.requireNonNull(bindHost, "bindHost");
        requirePositive("workerThreads", workerThreads);
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("upstreamIdleTimeout", upstreamIdleTimeout);
        requirePositive("downstreamIdleTimeout", downstreamIdleTimeout);
        requirePositive("maxInitialLineLength", maxInitialLineLength);
        requirePositive("maxHeaderSize", maxHeaderSize);
        requirePositive("maxChunkSize", maxChunkSize);
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(tickets, "tickets");
        Objects.requireNonNull(serverHeader, "serverHeader");
        if (shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("shutdownTimeout: " + shutdownTimeout + " (expected: >= 0)");
        }
    }

    public static ProxyServerOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .bindHost(bindHost).workerThreads(workerThreads).ephemeralPorts(ephemeralPorts)
                .connectTimeout(connectTimeout).upstreamIdleTimeout(upstreamIdleTimeout)
                .downstreamIdleTimeout(downstreamIdleTimeout).maxInitialLineLength(maxInitialLineLength)
                .maxHeaderSize(maxHeaderSize).maxChunkSize(maxChunkSize).shutdownTimeout(shutdownTimeout)
                .transport(transport).clock(clock).tickets(tickets).serverHeader(serverHeader);
    }

    /** These options with {@code ephemeralPorts} set to {@code value}. */
    public ProxyServerOptions withEphemeralPorts(boolean value) {
        return toBuilder().ephemeralPorts(value).build();
    }

    /** The upstream part of these options. */
    public UpstreamSettings upstreamSettings() {
        return new UpstreamSettings(connectTimeout, upstreamIdleTimeout, maxInitialLineLength, maxHeaderSize, maxChunkSize);
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
    }

    /** Builds {@link ProxyServerOptions}; every field starts at its edge default. */
    public static final class Builder {
        private String bindHost = "0.0.0.0";
        private int workerThreads = Runtime.getRuntime().availableProcessors();
        private boolean ephemeralPorts;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration upstreamIdleTimeout = Duration.ofHours(1);
        private Duration downstreamIdleTimeout = Duration.ofSeconds(300);
        private int maxInitialLineLength = 8 * 1024;
        private int maxHeaderSize = 60 * 1024;
        private int maxChunkSize = 64 * 1024;
        private Duration shutdownTimeout = Duration.ofSeconds(5);
        private TransportKind transport = TransportKind.AUTO;
        private ProxyClock clock = ProxyClock.system();
        private TicketSource tickets = TicketSource.random();
        private ServerHeader serverHeader = ServerHeader.OVERWRITE;

        private Builder() {
        }

        public Builder bindHost(String value) {
            this.bindHost = value;
            return this;
        }

        public Builder workerThreads(int value) {
            this.workerThreads = value;
            return this;
        }

        public Builder ephemeralPorts(boolean value) {
            this.ephemeralPorts = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        public Builder upstreamIdleTimeout(Duration value) {
            this.upstreamIdleTimeout = value;
            return this;
        }

        public Builder downstreamIdleTimeout(Duration value) {
            this.downstreamIdleTimeout = value;
            return this;
        }

        public Builder maxInitialLineLength(int value) {
            this.maxInitialLineLength = value;
            return this;
        }

        public Builder maxHeaderSize(int value) {
            this.maxHeaderSize = value;
            return this;
        }

        public Builder maxChunkSize(int value) {
            this.maxChunkSize = value;
            return this;
        }

        public Builder shutdownTimeout(Duration value) {
            this.shutdownTimeout = value;
            return this;
        }

        public Builder transport(TransportKind value) {
            this.transport = value;
            return this;
        }

        public Builder clock(ProxyClock value) {
            this.clock = value;
            return this;
        }

        public Builder tickets(TicketSource value) {
            this.tickets = value;
            return this;
        }

        public Builder serverHeader(ServerHeader value) {
            this.serverHeader = value;
            return this;
        }

        public ProxyServerOptions build() {
            return new ProxyServerOptions(bindHost, workerThreads, ephemeralPorts, connectTimeout, upstreamIdleTimeout,
                    downstreamIdleTimeout, maxInitialLineLength, maxHeaderSize, maxChunkSize, shutdownTimeout,
                    transport, clock, tickets, serverHeader);
        }
    }
}
