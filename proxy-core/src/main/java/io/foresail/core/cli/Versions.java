package io.foresail.core.cli;

/** The running Foresail version, from the jar manifest ({@code dev} when run from classes). */
final class Versions {

    private Versions() {
    }

    static String current() {
        String version = Versions.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }
}
