package io.foresail.core.admin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * {@code POST /logging}, as Envoy's admin serves it, over {@code java.util.logging}: a bare POST
 * lists every logger with its effective level; {@code ?level=L} sets every logger to {@code L};
 * {@code ?<logger>=L} sets one logger (a JUL name such as {@code io.foresail.core.proxy}, which
 * also covers the loggers below it, or {@code root}); {@code ?paths=a:L,b:L} sets several. Level
 * names are Envoy's ({@link LogLevels}). Every change is checked first: an unknown level or
 * logger answers 400 and changes nothing. The answer to a change is the list after it. Other
 * methods answer 405: this endpoint changes state. Works on the JVM's {@link LogManager}.
 */
final class LoggingEndpoint implements AdminEndpoint {

    private static final String ROOT = "root";

    private final LogManager manager = LogManager.getLogManager();
    /** The loggers given a level here: JUL holds loggers weakly, and a collected one loses its level. */
    private final Set<Logger> configured = ConcurrentHashMap.newKeySet();

    @Override
    public AdminResponse handle(String method, Map<String, List<String>> parameters) {
        if (!method.equals("POST")) {
            return AdminResponse.text(405, "method not allowed: " + method + " (expected: POST)\n");
        }
        Map<String, Level> changes = new LinkedHashMap<>();
        Level everything = null;
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            for (String value : parameter.getValue()) {
                if (parameter.getKey().equals("level")) {
                    Optional<Level> level = LogLevels.parse(value);
                    if (level.isEmpty()) {
                        return badRequest(LogLevels.unknown("level", value));
                    }
                    everything = level.get();
                } else if (parameter.getKey().equals("paths")) {
                    for (String path : value.split(",")) {
                        int colon = path.lastIndexOf(':');
                        if (colon <= 0) {
                            return badRequest("paths: " + path + " (expected: logger:level, comma-separated)");
                        }
                        String problem = add(changes, path.substring(0, colon).trim(), path.substring(colon + 1));
                        if (problem != null) {
                            return badRequest(problem);
                        }
                    }
                } else {
                    String problem = add(changes, parameter.getKey(), value);
                    if (problem != null) {
                        return badRequest(problem);
                    }
                }
            }
        }
        if (everything != null) {
            setEverything(everything);
        }
        changes.forEach((name, level) -> {
            Logger logger = logger(name);
            logger.setLevel(level);
            configured.add(logger);
        });
        return AdminResponse.text(200, listing());
    }

    /** Checks and records one change; the reason it is refused, or null. */
    private String add(Map<String, Level> changes, String loggerName, String levelName) {
        Optional<Level> level = LogLevels.parse(levelName);
        if (level.isEmpty()) {
            return LogLevels.unknown(loggerName, levelName);
        }
        if (!known(loggerName)) {
            return "unknown logger: " + loggerName + " (expected: root, a logger listed by POST /logging, or a prefix"
                    + " of one such as io.foresail.core)";
        }
        changes.put(loggerName, level.get());
        return null;
    }

    /** Whether {@code name} is {@code root}, an existing logger, or the dotted prefix of one. */
    private boolean known(String name) {
        if (name.equals(ROOT)) {
            return true;
        }
        for (String existing : Collections.list(manager.getLoggerNames())) {
            if (existing.equals(name) || (existing.startsWith(name) && existing.charAt(name.length()) == '.')) {
                return true;
            }
        }
        return false;
    }

    /** Envoy's {@code level=}: the root gets {@code level}, every other logger inherits it. */
    private void setEverything(Level level) {
        for (String name : Collections.list(manager.getLoggerNames())) {
            Logger logger = manager.getLogger(name);
            if (logger != null && !name.isEmpty()) {
                logger.setLevel(null);
            }
        }
        logger(ROOT).setLevel(level);
    }

    private Logger logger(String name) {
        // Logger.getLogger creates a prefix's logger, which then covers the loggers below it.
        return name.equals(ROOT) ? manager.getLogger("") : Logger.getLogger(name);
    }

    /** {@code active loggers:} then {@code   name: level} per logger, sorted, the root first as {@code root}. */
    private String listing() {
        Map<String, String> levels = new TreeMap<>();
        for (String name : Collections.list(manager.getLoggerNames())) {
            Logger logger = manager.getLogger(name);
            if (logger != null) {
                levels.put(name, LogLevels.nameOf(effectiveLevel(logger)));
            }
        }
        StringBuilder text = new StringBuilder("active loggers:\n");
        levels.forEach((name, level) -> text.append("  ").append(name.isEmpty() ? ROOT : name).append(": ")
                .append(level).append('\n'));
        return text.toString();
    }

    private static Level effectiveLevel(Logger logger) {
        for (Logger current = logger; current != null; current = current.getParent()) {
            if (current.getLevel() != null) {
                return current.getLevel();
            }
        }
        return Level.INFO;
    }

    private static AdminResponse badRequest(String reason) {
        return AdminResponse.text(400, "error: " + reason + "\n");
    }
}
