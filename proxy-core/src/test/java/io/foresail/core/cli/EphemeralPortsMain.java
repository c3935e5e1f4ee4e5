package io.foresail.core.cli;

import java.io.IOException;
import java.util.Arrays;

/**
 * The proxy as {@link Main} starts it, for a test that needs a JVM of its own (JDK TLS properties
 * only take effect before the JVM's first handshake): {@code Main.start} with every listener on
 * {@code 127.0.0.1:0}; prints {@code port <bound port of Gateway port 443>} and runs until its
 * standard input ends.
 */
final class EphemeralPortsMain {

    private EphemeralPortsMain() {
    }

    public static void main(String[] args) throws IOException {
        Main.Started started = Main.start(Arrays.asList(args), System.out, System.err, true);
        if (started.proxy() == null) {
            System.exit(started.exitCode());
        }
        System.out.println("port " + started.proxy().proxyPort(443));
        System.out.flush();
        while (System.in.read() >= 0) {
            // until the test closes our input
        }
        started.proxy().close();
        System.exit(0);
    }
}
