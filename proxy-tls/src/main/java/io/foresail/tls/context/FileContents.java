package io.foresail.tls.context;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bytes of a set of files, read once, and their SHA-256 digest: what a context is built from
 * and cached by, so the digest always describes the bytes actually parsed.
 *
 * @param bytes  file → content
 * @param digest hex SHA-256 over every (path, content) pair in path order
 */
record FileContents(Map<Path, byte[]> bytes, String digest) {

    /** Reads {@code files}; an unreadable file is an error in {@code problems} and gives {@code null}. */
    static FileContents read(Collection<Path> files, Problems problems) {
        Map<Path, byte[]> bytes = new TreeMap<>();
        for (Path file : files) {
            try {
                bytes.put(file, Files.readAllBytes(file));
            } catch (IOException e) {
                problems.error(file, "cannot be read (" + describe(e) + ")");
            }
        }
        if (bytes.size() != files.size()) {
            return null;
        }
        MessageDigest sha256 = sha256();
        for (Map.Entry<Path, byte[]> entry : bytes.entrySet()) {
            byte[] name = entry.getKey().toString().getBytes(StandardCharsets.UTF_8);
            update(sha256, name);
            update(sha256, entry.getValue());
        }
        return new FileContents(Map.copyOf(bytes), HexFormat.of().formatHex(sha256.digest()));
    }

    static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getClass().getSimpleName();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }

    /** Length-prefixed, so ("ab", "c") and ("a", "bc") digest differently. */
    static void update(MessageDigest digest, byte[] value) {
        int length = value.length;
        digest.update(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
        digest.update(value);
    }
}
