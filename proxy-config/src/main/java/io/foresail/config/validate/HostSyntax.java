package io.foresail.config.validate;

import java.util.regex.Pattern;

/** Syntax rules for names and hosts, as Istio and Kubernetes validate them. */
final class HostSyntax {

    private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern HOST_LABEL = Pattern.compile("[a-zA-Z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

    private HostSyntax() {
    }

    static boolean isDns1123Label(String value) {
        return value.length() <= 63 && DNS1123_LABEL.matcher(value).matches();
    }

    static boolean isDns1123Subdomain(String value) {
        return value.length() <= 253 && DNS1123_SUBDOMAIN.matcher(value).matches();
    }

    static boolean isIpAddress(String value) {
        if (IPV4.matcher(value).matches()) {
            return true;
        }
        return value.indexOf(':') >= 0 && value.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)
                && value.indexOf(":::") < 0;
    }

    static boolean isCidr(String value) {
        int slash = value.indexOf('/');
        if (slash < 0) {
            return isIpAddress(value);
        }
        String address = value.substring(0, slash);
        String bits = value.substring(slash + 1);
        if (!isIpAddress(address) || bits.isEmpty() || !bits.chars().allMatch(Character::isDigit) || bits.length() > 3) {
            return false;
        }
        int prefix = Integer.parseInt(bits);
        return prefix <= (address.indexOf(':') >= 0 ? 128 : 32);
    }

    /**
     * Why {@code host} is not a valid host (FQDN, short name, {@code *.suffix} or {@code *}), or
     * {@code null} when it is.
     */
    static String wildcardDomainProblem(String host) {
        if (host.isEmpty()) {
            return "empty host";
        }
        if (host.equals("*")) {
            return null;
        }
        if (host.length() > 255) {
            return "host is longer than 255 characters";
        }
        String rest = host.startsWith("*.") ? host.substring(2) : host;
        if (rest.contains("*")) {
            return "partial wildcard not allowed (expected: a leading \"*.\" only)";
        }
        for (String label : rest.split("\\.", -1)) {
            if (label.length() > 63 || !HOST_LABEL.matcher(label).matches()) {
                return "invalid host label \"" + label + "\"";
            }
        }
        return null;
    }

    /** An FQDN: a valid domain with at least one dot and no wildcard. */
    static boolean isFqdn(String host) {
        return !host.contains("*") && host.contains(".") && wildcardDomainProblem(host) == null;
    }
}
