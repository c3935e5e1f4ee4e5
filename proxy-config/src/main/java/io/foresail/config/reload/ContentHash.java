package io.foresail.config.reload;

import io.foresail.config.yaml.YamlFile;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** SHA-256 (hex) of the bytes of every source file, in load order: equal hashes mean an unchanged config. */
final class ContentHash {

    private ContentHash() {
    }

    static String of(List<YamlFile> files) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
        for (YamlFile file : files) {
            digest.update(file.content());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
