package io.foresail.core.cli;

import io.foresail.core.echo.EchoCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * {@code java -jar proxy.jar}: the entry point. Exit codes: 0 clean stop (also after SIGTERM or
 * SIGINT and the drain they start), 1 invalid config or a port that cannot be bound, 2 a bad
 * command line.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        run(args, false);
    }

    /** {@link #main}; {@code ephemeralPorts} binds every listener to 127.0.0.1 port 0 (a test seam). */
    static void run(String[] args, boolean ephemeralPorts) throws InterruptedException {
        // Before anything could build a TLS context: SunJSSE reads these once.
        JdkTlsProperties.install(System.getProperties());
        ConsoleLogging.install();
        List<String> arguments = Arrays.asList(args);
        if (!arguments.isEmpty() && arguments.get(0).equals("echo")) {
            System.exit(EchoCommand.run(arguments.subList(1, arguments.size()), System.out, System.err));
        }
        if (!arguments.isEmpty() && arguments.get(0).equals("validate")) {
            System.exit(ValidateCommand.run(arguments.subList(1, arguments.size()), System.out, System.err));
        }
        if (!arguments.isEmpty() && arguments.get(0).equals("explain")) {
            System.exit(ExplainCommand.run(arguments.subList(1, arguments.size()), System.out, System.err));
        }
        // Installed before starting: readiness may answer 200 before start returns. A signal while
        // starting finds no proxy to drain and leaves as the JVM would.
        AtomicReference<RunningProxy> running = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            RunningProxy proxy = running.get();
            if (proxy != null) {
                stop(proxy);
            }
        }, "foresail-shutdown"));
        Started started = start(arguments, System.out, System.err, ephemeralPorts,
                options -> ConsoleLogging.configure(options.logFormat(), options.logLevel()));
        if (started.proxy() == null) {
            System.exit(started.exitCode());
        }
        running.set(started.proxy());
        new CountDownLatch(1).await();
    }

    /**
     * The shutdown hook (SIGTERM, SIGINT): drains the proxy (readiness 503, the drain delay, the
     * listeners close, requests in progress finish within the drain timeout) and stops it; a second
     * signal meanwhile cuts the drain short. Then halts with 0 (1 if stopping failed): the JVM would
     * exit with 128 + the signal's number, yet this is the proxy's clean stop.
     */
    private static void stop(RunningProxy proxy) {
        StopSignals.onNext(proxy::stopNow);
        int status = 1;
        try {
            proxy.drainAndClose();
            status = 0;
        } catch (RuntimeException e) {
            // no logger field: nothing may touch JUL before ConsoleLogging.install
            java.util.logging.Logger.getLogger(Main.class.getName()).log(java.util.logging.Level.SEVERE, "stopping failed", e);
        } finally {
            ConsoleLogging.flush();
            Runtime.getRuntime().halt(status);
        }
    }

    /** The outcome of starting: a running proxy, or the exit code to leave with. */
    record Started(RunningProxy proxy, int exitCode) {
    }

    /** Parses {@code args} and starts the proxy; never calls {@code System.exit}. */
    static Started start(List<String> args, PrintStream out, PrintStream err) {
        return start(args, out, err, false);
    }

    static Started start(List<String> args, PrintStream out, PrintStream err, boolean ephemeralPorts) {
        return start(args, out, err, ephemeralPorts, options -> { });
    }

    /** @param beforeLaunch given the parsed options before anything starts (the process applies its log settings) */
    static Started start(List<String> args, PrintStream out, PrintStream err, boolean ephemeralPorts,
                         Consumer<ProxyOptions> beforeLaunch) {
        JdkTlsProperties.install(System.getProperties());
        ProxyCommandLine.Request request;
        try {
            request = ProxyCommandLine.parse(args);
        } catch (UsageException e) {
            err.println("foresail: " + e.getMessage());
            err.print(ProxyCommandLine.USAGE);
            return new Started(null, 2);
        }
        if (request instanceof ProxyCommandLine.Help) {
            out.print(ProxyCommandLine.USAGE);
            return new Started(null, 0);
        }
        if (request instanceof ProxyCommandLine.Version) {
            out.println("foresail " + Versions.current());
            return new Started(null, 0);
        }
        ProxyOptions options = ((ProxyCommandLine.Run) request).options();
        beforeLaunch.accept(options);
        return ProxyLauncher.launch(options, ephemeralPorts, out, err)
                .map(proxy -> new Started(proxy, 0))
                .orElseGet(() -> new Started(null, 1));
    }
}
