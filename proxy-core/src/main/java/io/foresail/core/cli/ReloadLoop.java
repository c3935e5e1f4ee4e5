package io.foresail.core.cli;

import io.foresail.core.runtime.ConfigReloader;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one reload loop on the config thread: every {@code --config-check-interval} it checks the
 * config sources, and the certificate files whenever {@code --certificate-check-interval} has passed
 * since they were last checked. With config checks off it ticks at the certificate interval alone.
 */
final class ReloadLoop implements Runnable {

    private final ConfigReloader reloader;
    private final long configNanos;
    private final long certificateNanos;
    /** When the certificate files were last checked; confined to the config thread. */
    private long certificatesCheckedAt;

    private ReloadLoop(ConfigReloader reloader, Duration configInterval, Duration certificateInterval) {
        this.reloader = reloader;
        this.configNanos = configInterval.toNanos();
        this.certificateNanos = certificateInterval.toNanos();
        this.certificatesCheckedAt = System.nanoTime();
    }

    /** Schedules the loop on {@code configThread}; nothing when both intervals are zero. */
    static void schedule(ScheduledExecutorService configThread, ConfigReloader reloader, Duration configInterval,
                         Duration certificateInterval) {
        Duration tick = configInterval.isZero() ? certificateInterval : configInterval;
        if (tick.isZero()) {
            return;
        }
        configThread.scheduleWithFixedDelay(new ReloadLoop(reloader, configInterval, certificateInterval),
                tick.toNanos(), tick.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void run() {
        long now = System.nanoTime();
        boolean certificatesDue = certificateNanos > 0 && now - certificatesCheckedAt >= certificateNanos;
        if (certificatesDue) {
            certificatesCheckedAt = now;
        }
        if (configNanos > 0) {
            reloader.check(certificatesDue);
        } else if (certificatesDue) {
            reloader.checkCertificates();
        }
    }
}
