package io.foresail.core.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when Netty's leak detector reports a {@code ByteBuf} that was garbage-collected
 * without being released. Test JVMs run the detector at {@code paranoid} (parent pom), so every
 * buffer is tracked; after each test this extension collects garbage, makes the detector poll,
 * and fails with the leak records it reported.
 *
 * <p>Leak reports depend on the garbage collector, so a leak may surface one test late; it still
 * fails the run. Listens on the detector that every {@code ByteBuf} allocator uses
 * ({@code AbstractByteBuf.leakDetector}), whichever test initialised it first.
 */
public final class NettyLeakDetection implements AfterEachCallback, AfterAllCallback {

    private static final ConcurrentLinkedQueue<String> LEAKS = new ConcurrentLinkedQueue<>();

    static {
        ResourceLeakDetector<?> detector = byteBufDetector();
        detector.setLeakListener((resourceType, records) -> LEAKS.add(resourceType + " leaked:\n" + records));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        check(context.getDisplayName(), 2);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        check(context.getDisplayName() + " (after all)", 4);
    }

    private static void check(String where, int rounds) {
        for (int i = 0; i < rounds && LEAKS.isEmpty(); i++) {
            System.gc();
            System.runFinalization();
            pollDetector();
        }
        List<String> leaks = new ArrayList<>();
        String leak;
        while ((leak = LEAKS.poll()) != null) {
            leaks.add(leak);
        }
        if (!leaks.isEmpty()) {
            throw new AssertionError(where + ": Netty reported " + leaks.size() + " leaked buffer(s):\n"
                    + String.join("\n", leaks));
        }
    }

    /** Each tracked allocation makes the detector drain its queue of collected, unreleased buffers. */
    private static void pollDetector() {
        ByteBufAllocator allocator = UnpooledByteBufAllocator.DEFAULT;
        for (int i = 0; i < 4; i++) {
            ByteBuf probe = allocator.directBuffer(1);
            probe.release();
            probe = ByteBufAllocator.DEFAULT.buffer(1);
            probe.release();
        }
    }

    private static ResourceLeakDetector<?> byteBufDetector() {
        try {
            Field field = Class.forName("io.netty.buffer.AbstractByteBuf").getDeclaredField("leakDetector");
            field.setAccessible(true);
            return (ResourceLeakDetector<?>) field.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError("cannot reach Netty's ByteBuf leak detector: " + e);
        }
    }
}
