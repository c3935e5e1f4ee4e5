package io.foresail.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /logging} on the JVM's loggers; every logger's level is put back after each test. */
class LoggingEndpointTest {

    /** Held: JUL holds loggers weakly. */
    private final Logger proxy = Logger.getLogger("test.logging.proxy.Handler");
    private final Logger tls = Logger.getLogger("test.logging.tls.Context");
    private final Map<String, Level> levelsBefore = new HashMap<>();
    private final LoggingEndpoint logging = new LoggingEndpoint();

    @BeforeEach
    void rememberLevels() {
        LogManager manager = LogManager.getLogManager();
        for (String name : Collections.list(manager.getLoggerNames())) {
            Logger logger = manager.getLogger(name);
            if (logger != null) {
                levelsBefore.put(name, logger.getLevel());
            }
        }
        proxy.setLevel(Level.INFO);
        tls.setLevel(Level.WARNING);
    }

    @AfterEach
    void restoreLevels() {
        LogManager manager = LogManager.getLogManager();
        for (String name : Collections.list(manager.getLoggerNames())) {
            Logger logger = manager.getLogger(name);
            if (logger != null) {
                logger.setLevel(levelsBefore.get(name));
            }
        }
    }

    private AdminResponse post(Map<String, List<String>> parameters) {
        return logging.handle("POST", parameters);
    }

    private static String body(AdminResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void barePostListsLoggersWithTheirLevels() {
        AdminResponse answer = post(Map.of());

        assertThat(answer.status()).as("status").isEqualTo(200);
        assertThat(body(answer)).as("Envoy's listing, with Envoy's level names")
                .startsWith("active loggers:\n")
                .contains("\n  test.logging.proxy.Handler: info\n")
                .contains("\n  test.logging.tls.Context: warning\n");
    }

    @Test
    void loggerParameterSetsThatLoggerOnly() {
        AdminResponse answer = post(Map.of("test.logging.proxy.Handler", List.of("debug")));

        assertThat(answer.status()).as("status").isEqualTo(200);
        assertThat(proxy.getLevel()).as("the logger named").isEqualTo(Level.FINE);
        assertThat(tls.getLevel()).as("another logger").isEqualTo(Level.WARNING);
        assertThat(body(answer)).as("the listing after the change").contains("  test.logging.proxy.Handler: debug\n");
    }

    @Test
    void prefixSetsTheLoggersBelowIt() {
        proxy.setLevel(null);

        assertThat(post(Map.of("test.logging.proxy", List.of("trace"))).status()).as("status").isEqualTo(200);

        assertThat(proxy.isLoggable(Level.FINEST)).as("a logger below the prefix logs trace").isTrue();
    }

    @Test
    void levelParameterSetsEveryLogger() {
        assertThat(post(Map.of("level", List.of("error"))).status()).as("status").isEqualTo(200);

        assertThat(proxy.isLoggable(Level.WARNING)).as("warnings of one logger").isFalse();
        assertThat(tls.isLoggable(Level.WARNING)).as("warnings of a logger that had its own level").isFalse();
        assertThat(tls.isLoggable(Level.SEVERE)).as("errors").isTrue();
    }

    @Test
    void pathsParameterSetsSeveralLoggers() {
        post(Map.of("paths", List.of("test.logging.proxy.Handler:warn,test.logging.tls.Context:debug")));

        assertThat(proxy.getLevel()).as("first path").isEqualTo(Level.WARNING);
        assertThat(tls.getLevel()).as("second path").isEqualTo(Level.FINE);
    }

    @Test
    void unknownLevelAnswers400AndChangesNothing() {
        AdminResponse answer = post(Map.of("test.logging.proxy.Handler", List.of("debug"),
                "test.logging.tls.Context", List.of("loud")));

        assertThat(answer.status()).as("status").isEqualTo(400);
        assertThat(body(answer)).as("the reason").contains("loud").contains("expected: one of trace, debug");
        assertThat(proxy.getLevel()).as("the valid change of the same request is not applied").isEqualTo(Level.INFO);
    }

    @Test
    void unknownLoggerAnswers400() {
        AdminResponse answer = post(Map.of("test.logging.nothing.Here", List.of("debug")));

        assertThat(answer.status()).as("status").isEqualTo(400);
        assertThat(body(answer)).as("the reason").contains("unknown logger: test.logging.nothing.Here");
    }

    @Test
    void getAnswers405AndChangesNothing() {
        AdminResponse answer = logging.handle("GET", Map.of("level", List.of("debug")));

        assertThat(answer.status()).as("mutations are POSTs").isEqualTo(405);
        assertThat(proxy.getLevel()).as("level after the GET").isEqualTo(Level.INFO);
    }
}
