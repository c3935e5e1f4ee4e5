package io.foresail.core.cli;

import io.foresail.config.reload.ConfigCheck;
import io.foresail.tls.context.TlsContextCache;
import io.foresail.tls.context.TlsContextLoader;
import io.foresail.tls.context.TlsLoadResult;
import io.foresail.tls.context.TlsProblem;
import io.foresail.tls.context.TlsProvider;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code java -jar proxy.jar validate --config PATH...}: loads the configuration as the proxy would
 * (parse, validate, compile, then build the TLS contexts so missing or mismatched certificate files
 * show) and prints every finding with its code, like {@code nginx -t} or {@code istioctl analyze}.
 * When some resources have errors, compilation and the TLS checks run on the others
 * ({@link ConfigCheck}), and a line on the error stream names the resources left out.
 * Exit codes: 0 no error (warnings and notes allowed), 1 errors, 2 a bad command line.
 */
final class ValidateCommand {

    static final String USAGE = """
            Usage: java -jar proxy.jar validate --config PATH [--config PATH ...] [options]

            Checks a configuration as the proxy would load it and prints each finding as
              SEVERITY CODE file:line Kind/namespace/name: field.path: message
            Codes are istioctl's (IST...), Kiali's (KIA...) or Foresail's (FS...): see docs/operations.md.
            Exit code: 0 no error, 1 errors, 2 bad command line.

            Options:
              --config PATH        configuration file or folder (repeatable, at least one)
              --labels k=v,...     the proxy's workload labels: only the Gateways they select count
              --secrets-dir DIR    one folder per credentialName (as for the proxy)
              --tls-provider P     auto, openssl or jdk (default auto)
              --output FORMAT      text (default) or json (an array of findings)
              --help               print this help and exit
            """;

    private enum Output { TEXT, JSON }

    private record Options(List<Path> configs, Optional<Map<String, String>> labels, Optional<Path> secretsDirectory,
                           TlsProvider tlsProvider, Output output) {
    }

    private ValidateCommand() {
    }

    /** Runs the command; never calls {@code System.exit}. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = parse(args);
        } catch (UsageException e) {
            err.println("foresail validate: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (options == null) {
            out.print(USAGE);
            return 0;
        }
        ConfigCheck.Result check = new ConfigCheck(options.labels(), options.secretsDirectory()).check(options.configs());
        List<ValidationFinding> findings;
        try {
            findings = findings(check, options);
        } catch (IllegalStateException e) {
            err.println("foresail validate: cannot build TLS contexts: " + e.getMessage());
            return 1;
        }
        print(findings, options.output(), out);
        if (!check.leftOut().isEmpty()) {
            err.println("foresail validate: " + check.leftOut().size() + " resource(s) with errors were left out of the"
                    + " compile and TLS checks, which ran on the rest (their findings may miss or follow from them): "
                    + String.join(", ", check.leftOut()));
        }
        long errors = findings.stream().filter(ValidationFinding::isError).count();
        err.println("foresail validate: " + (errors == 0 ? "configuration is valid" : "configuration is invalid")
                + " (" + errors + " errors, " + (findings.size() - errors) + " warnings and notes)");
        return errors == 0 ? 0 : 1;
    }

    /** The check's findings, then those of building the TLS contexts of its table when it has one. */
    private static List<ValidationFinding> findings(ConfigCheck.Result check, Options options) {
        List<ValidationFinding> findings = new ArrayList<>();
        check.findings().forEach(finding -> findings.add(ValidationFinding.of(finding)));
        check.table().ifPresent(table -> {
            TlsLoadResult tls = new TlsContextLoader(options.tlsProvider(), new TlsContextCache(), Clock.systemUTC())
                    .load(table);
            if (tls instanceof TlsLoadResult.Rejected rejected) {
                for (TlsProblem problem : rejected.errors()) {
                    findings.add(ValidationFinding.of("ERROR", problem));
                }
            }
            for (TlsProblem problem : tls.warnings()) {
                findings.add(ValidationFinding.of("WARNING", problem));
            }
        });
        return findings;
    }

    private static void print(List<ValidationFinding> findings, Output output, PrintStream out) {
        if (output == Output.TEXT) {
            findings.forEach(finding -> out.println(finding.text()));
            return;
        }
        out.print('[');
        for (int i = 0; i < findings.size(); i++) {
            out.print(i == 0 ? "\n  " : ",\n  ");
            out.print(findings.get(i).json());
        }
        out.println(findings.isEmpty() ? "]" : "\n]");
    }

    /** The options, or {@code null} when help was asked for. */
    private static Options parse(List<String> args) throws UsageException {
        List<Path> configs = new ArrayList<>();
        Optional<Map<String, String>> labels = Optional.empty();
        Optional<Path> secretsDirectory = Optional.empty();
        TlsProvider tlsProvider = TlsProvider.AUTO;
        Output output = Output.TEXT;
        FlagReader flags = new FlagReader(args);
        while (flags.hasNext()) {
            String flag = flags.next();
            switch (flag) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--config", "-c" -> configs.add(ProxyCommandLine.existingPath(flags.value()));
                case "--labels" -> labels = Optional.of(ProxyCommandLine.labels(flags.value()));
                case "--secrets-dir" -> secretsDirectory = Optional.of(ProxyCommandLine.readableDirectory(flag, flags.value()));
                case "--tls-provider" -> tlsProvider = ProxyCommandLine.tlsProvider(flag, flags.value());
                case "--output", "-o" -> output = output(flags.value());
                default -> throw new UsageException(flag.startsWith("-")
                        ? "unknown flag: " + flag
                        : "unexpected argument: " + flag + " (expected: a flag such as --config)");
            }
        }
        if (configs.isEmpty()) {
            throw new UsageException("missing --config (expected: at least one file or folder)");
        }
        return new Options(configs, labels, secretsDirectory, tlsProvider, output);
    }

    private static Output output(String value) throws UsageException {
        return switch (value) {
            case "text" -> Output.TEXT;
            case "json" -> Output.JSON;
            default -> throw new UsageException("--output " + value + ": unknown format (expected: text or json)");
        };
    }
}
