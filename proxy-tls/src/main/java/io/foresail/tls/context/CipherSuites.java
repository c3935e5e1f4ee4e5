package io.foresail.tls.context;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * Cipher suite lists as the providers take them. Configuration names TLS 1.2 suites the OpenSSL
 * way, as Envoy takes them ({@code ECDHE-RSA-AES128-GCM-SHA256}); OpenSSL gets them as written,
 * the JDK gets the IANA names from a table of the suites Istio documents. TLS 1.3 suites are not
 * configurable (as in Envoy) and are always appended.
 */
final class CipherSuites {

    /** Mozilla "intermediate" (TLS 1.2 part), in its order. DHE suites are dropped where the provider lacks them. */
    static final List<String> INTERMEDIATE = List.of(
            "ECDHE-ECDSA-AES128-GCM-SHA256",
            "ECDHE-RSA-AES128-GCM-SHA256",
            "ECDHE-ECDSA-AES256-GCM-SHA384",
            "ECDHE-RSA-AES256-GCM-SHA384",
            "ECDHE-ECDSA-CHACHA20-POLY1305",
            "ECDHE-RSA-CHACHA20-POLY1305",
            "DHE-RSA-AES128-GCM-SHA256",
            "DHE-RSA-AES256-GCM-SHA384",
            "DHE-RSA-CHACHA20-POLY1305");

    /** The TLS 1.3 suites, same names in both providers. */
    static final List<String> TLS13 = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");

    /** OpenSSL name → JDK (IANA) name, for the names in Istio's {@code cipherSuites} documentation and Mozilla intermediate. */
    private static final Map<String, String> JDK_NAMES = Map.ofEntries(
            Map.entry("ECDHE-ECDSA-AES128-GCM-SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
            Map.entry("ECDHE-RSA-AES128-GCM-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry("ECDHE-ECDSA-AES256-GCM-SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"),
            Map.entry("ECDHE-RSA-AES256-GCM-SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry("ECDHE-ECDSA-CHACHA20-POLY1305", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry("ECDHE-RSA-CHACHA20-POLY1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry("DHE-RSA-AES128-GCM-SHA256", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry("DHE-RSA-AES256-GCM-SHA384", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry("DHE-RSA-CHACHA20-POLY1305", "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry("ECDHE-ECDSA-AES128-SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"),
            Map.entry("ECDHE-RSA-AES128-SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry("ECDHE-ECDSA-AES256-SHA", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"),
            Map.entry("ECDHE-RSA-AES256-SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry("AES128-GCM-SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry("AES256-GCM-SHA384", "TLS_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry("AES128-SHA", "TLS_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry("AES256-SHA", "TLS_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry("DES-CBC3-SHA", "SSL_RSA_WITH_3DES_EDE_CBC_SHA"));

    private static volatile Set<String> jdkSupported;

    private CipherSuites() {
    }

    /**
     * The suites to give {@code provider}: {@code configured} (OpenSSL names) or, when empty, the
     * intermediate set; then the TLS 1.3 suites. A configured name the provider does not know is
     * left out with a warning; when none is left, an error.
     */
    static List<String> forProvider(List<String> configured, SslProvider provider, Problems problems) {
        boolean defaults = configured.isEmpty();
        List<String> suites = new ArrayList<>();
        for (String name : defaults ? INTERMEDIATE : configured) {
            String providerName = provider == SslProvider.JDK ? JDK_NAMES.get(name) : name;
            if (providerName != null && supported(providerName, provider)) {
                if (!suites.contains(providerName)) {
                    suites.add(providerName);
                }
            } else if (!defaults) {
                problems.warning(null, "cipherSuites: " + name + " is not supported by the " + provider
                        + " provider, ignored (expected: an OpenSSL name such as ECDHE-RSA-AES128-GCM-SHA256)");
            }
        }
        if (suites.isEmpty()) {
            problems.error(null, "cipherSuites: none of " + configured + " is supported by the " + provider + " provider");
        }
        for (String name : TLS13) {
            if (supported(name, provider)) {
                suites.add(name);
            }
        }
        return List.copyOf(suites);
    }

    private static boolean supported(String name, SslProvider provider) {
        if (provider == SslProvider.JDK) {
            return jdkSupported().contains(name);
        }
        return OpenSsl.isCipherSuiteAvailable(name);
    }

    private static Set<String> jdkSupported() {
        Set<String> supported = jdkSupported;
        if (supported == null) {
            try {
                supported = Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK has no default SSLContext", e);
            }
            jdkSupported = supported;
        }
        return supported;
    }
}
