package io.foresail.tls.context;

import io.foresail.config.table.CertificateFiles;
import io.foresail.config.table.Cluster;
import io.foresail.config.table.PortListener;
import io.foresail.config.table.RoutingTable;
import io.foresail.config.table.ServerTlsSettings;
import io.foresail.config.table.TlsChain;
import io.foresail.config.table.UpstreamTlsSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The files a table's TLS settings reference (certificates, keys, password files, CA bundles,
 * revocation lists), for a reload watcher, and a fingerprint of their contents that changes when
 * any of them changes, appears or disappears.
 */
public final class TlsFiles {

    private TlsFiles() {
    }

    /** Every file referenced by a terminating chain or a cluster's upstream TLS, in a stable order. */
    public static Set<Path> referencedBy(RoutingTable table) {
        Set<Path> files = new TreeSet<>();
        for (PortListener listener : table.listeners().values()) {
            for (TlsChain chain : listener.tlsChains()) {
                chain.termination().ifPresent(settings -> files.addAll(of(settings)));
            }
        }
        for (Cluster cluster : table.clusters().values()) {
            cluster.tls().ifPresent(settings -> files.addAll(of(settings)));
        }
        return Set.copyOf(files);
    }

    /**
     * Hex SHA-256 over each file's path and content (an unreadable or missing file counts as
     * absent). Reads the files: call it off the event loop.
     */
    public static String fingerprint(Collection<Path> files) {
        MessageDigest sha256 = FileContents.sha256();
        for (Path file : new TreeSet<>(files)) {
            FileContents.update(sha256, file.toString().getBytes(StandardCharsets.UTF_8));
            try {
                byte[] content = Files.readAllBytes(file);
                sha256.update((byte) 1);
                FileContents.update(sha256, content);
            } catch (IOException e) {
                sha256.update((byte) 0);
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    static Set<Path> of(ServerTlsSettings settings) {
        Set<Path> files = new LinkedHashSet<>(of(settings.certificate()));
        settings.clientValidation().ifPresent(validation -> {
            files.add(validation.caCertificates());
            validation.crl().ifPresent(files::add);
        });
        return files;
    }

    static Set<Path> of(UpstreamTlsSettings settings) {
        Set<Path> files = new LinkedHashSet<>();
        settings.clientCertificate().ifPresent(certificate -> files.addAll(of(certificate)));
        settings.caCertificates().ifPresent(files::add);
        settings.crl().ifPresent(files::add);
        return files;
    }

    private static Set<Path> of(CertificateFiles certificate) {
        Set<Path> files = new LinkedHashSet<>();
        files.add(certificate.certificateChain());
        files.add(certificate.privateKey());
        certificate.keyPassword().ifPresent(files::add);
        return files;
    }
}
