package io.foresail.config.validate;

import io.foresail.config.model.ServerTls;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A Gateway server's client certificate pins, as Envoy reads them: {@code verifyCertificateSpki}
 * entries are base64 SHA-256 digests (32 bytes), {@code verifyCertificateHash} entries hex SHA-256
 * digests (64 digits, colons between bytes allowed). Only {@code MUTUAL} and
 * {@code OPTIONAL_MUTUAL} check client certificates; with {@code SIMPLE} the pins are ignored.
 */
final class CertificatePinRules {

    private static final int SHA256_LENGTH = 32;

    private CertificatePinRules() {
    }

    static void check(ServerTls tls, String mode, String tlsPath, ResourceFindings findings) {
        checkEach(tls.verifyCertificateSpki(), tlsPath + ".verifyCertificateSpki", true, findings);
        checkEach(tls.verifyCertificateHash(), tlsPath + ".verifyCertificateHash", false, findings);
        if (mode.equals("SIMPLE") && (!tls.verifyCertificateSpki().isEmpty() || !tls.verifyCertificateHash().isEmpty())) {
            findings.warning(tlsPath, "verifyCertificateSpki and verifyCertificateHash are ignored with SIMPLE TLS: "
                    + "no client certificate is requested (use MUTUAL or OPTIONAL_MUTUAL)");
        }
    }

    private static void checkEach(List<String> pins, String path, boolean spki, ResourceFindings findings) {
        for (int i = 0; i < pins.size(); i++) {
            String pin = pins.get(i);
            if (!(spki ? isSpki(pin) : isHash(pin))) {
                findings.error(path + "[" + i + "]", "\"" + pin + "\" (expected: "
                        + (spki ? "base64 of a SHA-256 digest, 32 bytes" : "hex SHA-256 digest, 64 digits, colons allowed") + ")");
            }
        }
    }

    private static boolean isSpki(String pin) {
        try {
            return Base64.getDecoder().decode(pin).length == SHA256_LENGTH;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isHash(String pin) {
        String digits = pin.replace(":", "");
        if (digits.length() != 2 * SHA256_LENGTH) {
            return false;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (!HexFormat.isHexDigit(digits.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
