package io.foresail.core.cli;

import io.foresail.core.echo.EchoCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar proxy.jar}: the entry point. Exit codes: 0 clean stop, 1 invalid config or a
 * port that cannot be bound, 2 a bad command line.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
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
        Started started = start(arguments, System.out, System.err);
        if (started.proxy() == null) {
            System.exit(started.exitCode());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            started.proxy().close();
            stopped.countDown();
        }, "foresail-shutdown"));
        stopped.await();
    }

    /** The outcome of starting: a running proxy, or the exit code to leave with. */
    record Started(RunningProxy proxy, int exitCode) {
    }

    /** Parses {@code args} and starts the proxy; never calls {@code System.exit}. */
    static Started start(List<String> args, PrintStream out, PrintStream err) {
        return start(args, out, err, false);
    }

    static Started start(List<String> args, PrintStream out, PrintStream err, boolean ephemeralPorts) {
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
        return ProxyLauncher.launch(options, ephemeralPorts, out, err)
                .map(proxy -> new Started(proxy, 0))
                .orElseGet(() -> new Started(null, 1));
    }
}
