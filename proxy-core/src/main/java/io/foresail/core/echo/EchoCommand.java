package io.foresail.core.echo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar proxy.jar echo --listen PORT[:NAME] ...}: runs the echo upstream until killed.
 */
public final class EchoCommand {

    static final String USAGE = """
            Usage: java -jar proxy.jar echo --listen [HOST:]PORT[=NAME] [--listen ...] [--threads N]

            Runs the bundled echo upstream. Each --listen opens one HTTP/1.1 listener that
            answers with its NAME (default echo-PORT) in the body and in x-echo-server:
              GET  /anything            the request line and headers, as text
              GET  /anything?size=N     N bytes
              GET  /anything?status=N   the text, with status N (e.g. 503, to show retries)
              GET  /anything?delay=MS   the text, after MS milliseconds (to show timeouts)
              POST /anything            the request body, streamed back
            """;

    private EchoCommand() {
    }

    /** Runs the command; returns the exit code when it does not run forever. */
    public static int run(List<String> args, PrintStream out, PrintStream err) throws InterruptedException {
        List<EchoServer.Listen> listens = new ArrayList<>();
        int threads = 1;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                out.print(USAGE);
                return 0;
            }
            if (i + 1 >= args.size() || !(arg.equals("--listen") || arg.equals("--threads"))) {
                err.println(arg.startsWith("-") && i + 1 >= args.size() ? arg + ": missing value" : "unknown argument: " + arg);
                err.print(USAGE);
                return 2;
            }
            String value = args.get(++i);
            try {
                if (arg.equals("--threads")) {
                    threads = Integer.parseInt(value);
                } else {
                    listens.add(parseListen(value));
                }
            } catch (IllegalArgumentException e) {
                err.println(arg + " " + value + ": " + e.getMessage());
                err.print(USAGE);
                return 2;
            }
        }
        if (listens.isEmpty()) {
            err.println("missing --listen (expected: at least one port)");
            err.print(USAGE);
            return 2;
        }
        try (EchoServer server = EchoServer.start(listens, threads)) {
            for (int i = 0; i < listens.size(); i++) {
                out.println("echo upstream " + listens.get(i).name() + " listening on "
                        + listens.get(i).host() + ":" + server.port(i));
            }
            out.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "echo-shutdown"));
            server.awaitClose();
        }
        return 0;
    }

    static EchoServer.Listen parseListen(String value) {
        String address = value;
        String name = null;
        int equals = value.indexOf('=');
        if (equals >= 0) {
            address = value.substring(0, equals);
            name = value.substring(equals + 1);
        }
        String host = "127.0.0.1";
        int colon = address.lastIndexOf(':');
        if (colon >= 0) {
            host = address.substring(0, colon);
            address = address.substring(colon + 1);
        }
        int port;
        try {
            port = Integer.parseInt(address);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port (expected: [HOST:]PORT[=NAME])");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " (expected: 0..65535)");
        }
        return new EchoServer.Listen(host, port, name == null || name.isEmpty() ? "echo-" + port : name);
    }
}
