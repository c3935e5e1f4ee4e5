package io.foresail.core.cli;

/**
 * {@link Main#main} exactly, logging, shutdown hook and exit status included, with every listener
 * on {@code 127.0.0.1:0}: for tests that stop the proxy process with signals. The bound ports are
 * in the ready line on stderr ({@code http 8081->41234; status 41235; admin 41236; ...}).
 */
final class EphemeralPortsProcessMain {

    private EphemeralPortsProcessMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Main.run(args, true);
    }
}
