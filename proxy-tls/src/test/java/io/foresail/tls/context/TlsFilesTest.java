package io.foresail.tls.context;

import static io.foresail.tls.context.TlsTables.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.foresail.config.table.ClientCertificateValidation;
import io.foresail.config.table.RoutingTable;
import io.foresail.config.table.ServerTlsSettings;
import io.foresail.config.table.TlsVersion;
import io.foresail.config.table.UpstreamTlsSettings;
import io.foresail.tls.testing.TestPki;
import io.foresail.tls.testing.TestPki.Issued;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsFilesTest {

    @TempDir
    Path directory;

    @Test
    void referencedByListsEveryCertificateKeyPasswordCaAndCrlFile() {
        TestPki pki = TestPki.create(directory);
        Issued server = pki.server("app.test");
        Issued client = pki.client("gateway");
        Path crl = pki.revocationList();
        ServerTlsSettings mutual = new ServerTlsSettings(server.encryptedFiles(),
                Optional.of(new ClientCertificateValidation(pki.caFile(), Optional.of(crl), List.of(), true)),
                TlsVersion.TLS_AUTO, TlsVersion.TLS_AUTO, List.of());
        Path upstreamCrl = pki.revocationList();
        UpstreamTlsSettings upstream = new UpstreamTlsSettings(Optional.of(client.files()), Optional.of(pki.caFile()), "", List.of(), false,
                Optional.of(upstreamCrl));

        Set<Path> files = TlsFiles.referencedBy(table(List.of(mutual), List.of(upstream)));

        assertThat(files).containsExactlyInAnyOrder(server.chainFile(), server.encryptedKeyFile(), server.passwordFile(),
                pki.caFile(), crl, client.chainFile(), client.pkcs8KeyFile(), upstreamCrl);
    }

    @Test
    void fingerprintChangesWithContentAndPresenceOnly() throws Exception {
        Path first = Files.writeString(directory.resolve("a.pem"), "one");
        Path second = directory.resolve("b.pem");
        RoutingTable unused = table(List.of(), List.of());
        assertThat(TlsFiles.referencedBy(unused)).isEmpty();

        String absent = TlsFiles.fingerprint(List.of(first, second));
        Files.writeString(second, "");
        String empty = TlsFiles.fingerprint(List.of(first, second));
        String again = TlsFiles.fingerprint(List.of(second, first));
        Files.writeString(first, "two");
        String changed = TlsFiles.fingerprint(List.of(first, second));

        assertThat(empty).as("an empty file differs from a missing one").isNotEqualTo(absent);
        assertThat(again).as("same contents, any order").isEqualTo(empty);
        assertThat(changed).as("after a content change").isNotEqualTo(empty);
    }
}
