package io.foresail.config.validate;

/** Port number checks with the standard message. */
final class PortRules {

    private PortRules() {
    }

    static void check(ResourceFindings findings, String path, int port) {
        if (port < 1 || port > 65535) {
            findings.error(path, port + " (expected: 1..65535)");
        }
    }

    /** Like {@link #check} but 0 means "not set" and is fine. */
    static void checkOptional(ResourceFindings findings, String path, int port) {
        if (port != 0) {
            check(findings, path, port);
        }
    }
}
