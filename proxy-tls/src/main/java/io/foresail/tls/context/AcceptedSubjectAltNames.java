package io.foresail.tls.context;

import io.netty.util.NetUtil;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The peer's leaf certificate must carry one of the accepted subject alternative names (Istio's
 * {@code subjectAltNames} on a Gateway for client certificates, on a DestinationRule for upstream
 * ones), compared per SAN type as Envoy compares them: a DNS name ignoring case, where a
 * certificate name {@code *.suffix} covers exactly one label; a URI or e-mail address exactly; an
 * IP address by its parsed value ({@code ::1} is {@code 0:0:0:0:0:0:0:1}).
 */
final class AcceptedSubjectAltNames implements LeafCertificateCheck {

    private static final int RFC822 = 1;
    private static final int DNS = 2;
    private static final int URI = 6;
    private static final int IP_ADDRESS = 7;

    private final Set<String> accepted;
    private final Set<String> dnsNames;
    private final List<byte[]> addresses;

    AcceptedSubjectAltNames(Collection<String> accepted) {
        this.accepted = Set.copyOf(accepted);
        if (this.accepted.isEmpty()) {
            throw new IllegalArgumentException("accepted: empty (expected: at least one subject alternative name)");
        }
        this.dnsNames = this.accepted.stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        List<byte[]> parsed = new ArrayList<>();
        for (String name : this.accepted) {
            byte[] address = NetUtil.createByteArrayFromIpAddressString(name);
            if (address != null) {
                parsed.add(address);
            }
        }
        this.addresses = List.copyOf(parsed);
    }

    @Override
    public void check(X509Certificate leaf) throws CertificateException {
        Collection<List<?>> entries = leaf.getSubjectAlternativeNames();
        List<String> found = new ArrayList<>();
        if (entries != null) {
            for (List<?> entry : entries) {
                if (entry.get(1) instanceof String value) {
                    int type = (Integer) entry.get(0);
                    if (accepts(type, value)) {
                        return;
                    }
                    found.add(value);
                }
            }
        }
        throw new CertificateException("peer certificate subject alternative names " + found
                + " (expected: one of " + accepted.stream().sorted().collect(Collectors.toList()) + ")");
    }

    private boolean accepts(int type, String value) {
        return switch (type) {
            case DNS -> acceptsDnsName(value.toLowerCase(Locale.ROOT));
            case URI, RFC822 -> accepted.contains(value);
            case IP_ADDRESS -> acceptsAddress(value);
            default -> false;
        };
    }

    private boolean acceptsDnsName(String certificateName) {
        if (dnsNames.contains(certificateName)) {
            return true;
        }
        if (!certificateName.startsWith("*.")) {
            return false;
        }
        String suffix = certificateName.substring(1);
        for (String name : dnsNames) {
            if (name.endsWith(suffix)) {
                String label = name.substring(0, name.length() - suffix.length());
                if (!label.isEmpty() && label.indexOf('.') < 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean acceptsAddress(String certificateAddress) {
        byte[] address = NetUtil.createByteArrayFromIpAddressString(certificateAddress);
        if (address == null) {
            return false;
        }
        for (byte[] candidate : addresses) {
            if (Arrays.equals(candidate, address)) {
                return true;
            }
        }
        return false;
    }
}
