package io.foresail.config.reload;

import io.foresail.config.model.ConfigError;
import io.foresail.config.yaml.YamlFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * What the configured sources hold right now, as one SHA-256: every file's name and bytes in load
 * order, and every problem met finding or reading them. Folders are listed and files read through
 * their paths each time, so in-place edits, atomic renames, files added to or removed from a folder
 * and a Kubernetes {@code ..data} symlink swap all change it. Reads files: call it off the event loop.
 *
 * @param value the hex digest; equal values mean the sources are unchanged
 * @param files the files read, in load order
 */
public record SourceFingerprint(String value, List<String> files) {

    public SourceFingerprint {
        Objects.requireNonNull(value, "value");
        files = List.copyOf(files);
    }

    public static SourceFingerprint of(List<Path> sources) {
        ConfigSources.Read read = ConfigSources.read(sources);
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
        for (YamlFile file : read.files()) {
            field(digest, file.name().getBytes(StandardCharsets.UTF_8));
            field(digest, file.content());
        }
        for (ConfigError error : read.errors()) {
            field(digest, error.toString().getBytes(StandardCharsets.UTF_8));
        }
        return new SourceFingerprint(HexFormat.of().formatHex(digest.digest()),
                read.files().stream().map(YamlFile::name).toList());
    }

    /** Length-prefixed, so that moving bytes from one file to the next changes the digest. */
    private static void field(MessageDigest digest, byte[] bytes) {
        digest.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16),
                (byte) (bytes.length >>> 8), (byte) bytes.length});
        digest.update(bytes);
    }
}
