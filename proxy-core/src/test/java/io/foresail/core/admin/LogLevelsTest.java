package io.foresail.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class LogLevelsTest {

    @Test
    void envoyNamesMapToJulLevels() {
        assertThat(LogLevels.parse("trace")).contains(Level.FINEST);
        assertThat(LogLevels.parse("debug")).contains(Level.FINE);
        assertThat(LogLevels.parse("info")).contains(Level.INFO);
        assertThat(LogLevels.parse("warning")).contains(Level.WARNING);
        assertThat(LogLevels.parse("error")).contains(Level.SEVERE);
        assertThat(LogLevels.parse("off")).contains(Level.OFF);
    }

    @Test
    void warnAndCriticalAreAcceptedAsEnvoyAcceptsThem() {
        assertThat(LogLevels.parse("warn")).as("warn").contains(Level.WARNING);
        assertThat(LogLevels.parse("critical")).as("critical: JUL has nothing above SEVERE").contains(Level.SEVERE);
    }

    @Test
    void namesAreCaseInsensitive() {
        assertThat(LogLevels.parse("DEBUG")).contains(Level.FINE);
    }

    @Test
    void unknownNameIsEmpty() {
        assertThat(LogLevels.parse("verbose")).as("not an Envoy level").isEmpty();
    }

    @Test
    void julLevelsAreNamedAsEnvoyNamesThem() {
        assertThat(LogLevels.nameOf(Level.FINER)).isEqualTo("trace");
        assertThat(LogLevels.nameOf(Level.ALL)).isEqualTo("trace");
        assertThat(LogLevels.nameOf(Level.CONFIG)).isEqualTo("debug");
        assertThat(LogLevels.nameOf(Level.INFO)).isEqualTo("info");
        assertThat(LogLevels.nameOf(Level.WARNING)).isEqualTo("warning");
        assertThat(LogLevels.nameOf(Level.SEVERE)).isEqualTo("error");
        assertThat(LogLevels.nameOf(Level.OFF)).isEqualTo("off");
    }
}
