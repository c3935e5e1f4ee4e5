package io.foresail.core.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The process's meter registry and its Prometheus scrape. JVM and buffer-pool meters are bound
 * here once; data-plane meters are bound per listener and cluster when a snapshot is applied
 * ({@link RequestMetrics}, whose Istio series the scrape writes too, and {@link ServerMeters}).
 */
public final class ProxyMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final RequestMetrics requests = new RequestMetrics(registry);
    private final AtomicBoolean closed = new AtomicBoolean();

    public ProxyMetrics() {
        registry.getPrometheusRegistry().register(requests.collector());
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        Gauge.builder("foresail.buffer.pool.direct.used", PooledByteBufAllocator.DEFAULT,
                        allocator -> allocator.metric().usedDirectMemory())
                .baseUnit("bytes")
                .description("Direct memory held by Netty's pooled allocator")
                .register(registry);
        Gauge.builder("foresail.buffer.pool.heap.used", PooledByteBufAllocator.DEFAULT,
                        allocator -> allocator.metric().usedHeapMemory())
                .baseUnit("bytes")
                .description("Heap memory held by Netty's pooled allocator")
                .register(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The recorder of finished requests and TCP-forwarded connections, for the server to report to. */
    public RequestMetrics requests() {
        return requests;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /** Stops the JVM meters and closes the registry; once, however often it is called. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            gcMetrics.close();
            registry.close();
        }
    }
}
