package io.foresail.config.validate;

import io.foresail.config.model.Gateway;
import io.foresail.config.model.Port;
import io.foresail.config.model.Server;
import io.foresail.config.model.ServerTls;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Gateway checks following Istio's ValidateGateway / validateServer / validateTLSOptions. */
final class GatewayValidator {

    private static final Set<String> TLS_MODES = Set.of("PASSTHROUGH", "SIMPLE", "MUTUAL", "AUTO_PASSTHROUGH",
            "ISTIO_MUTUAL", "OPTIONAL_MUTUAL");
    private static final Set<String> TLS_VERSIONS = Set.of("TLS_AUTO", "TLSV1_0", "TLSV1_1", "TLSV1_2", "TLSV1_3");

    private GatewayValidator() {
    }

    static void validate(Gateway gateway, ResourceFindings findings) {
        if (!gateway.meta().name().isEmpty() && !HostSyntax.isDns1123Label(gateway.meta().name())) {
            findings.error("metadata.name", "invalid gateway name: \"" + gateway.meta().name() + "\" (expected: a DNS-1123 label)");
        }
        if (gateway.servers().isEmpty()) {
            findings.error("spec.servers", "gateway must have at least one server");
        }
        Set<String> portNames = new HashSet<>();
        List<Server> servers = gateway.servers();
        for (int i = 0; i < servers.size(); i++) {
            validateServer(servers.get(i), "spec.servers[" + i + "]", portNames, findings);
        }
    }

    private static void validateServer(Server server, String path, Set<String> portNames, ResourceFindings findings) {
        if (server.hosts().isEmpty()) {
            findings.error(path + ".hosts", "server config must contain at least one host");
        }
        for (int i = 0; i < server.hosts().size(); i++) {
            validateServerHost(server.hosts().get(i), path + ".hosts[" + i + "]", findings);
        }
        boolean unixBind = server.bind().startsWith("unix://");
        if (!server.bind().isEmpty() && !unixBind && !HostSyntax.isIpAddress(server.bind())) {
            findings.error(path + ".bind", server.bind() + " (expected: an IP address or unix:// path)");
        }
        if (server.port().isEmpty()) {
            findings.error(path + ".port", "port is required");
            return;
        }
        Port port = server.port().get();
        if (unixBind) {
            if (port.number() != 0) {
                findings.error(path + ".port.number", "port number must be 0 for unix domain socket: " + port.number());
            }
        } else {
            PortRules.check(findings, path + ".port.number", port.number());
        }
        if (port.name().isEmpty()) {
            findings.error(path + ".port.name", "port name must be set");
        } else if (!portNames.add(port.name())) {
            findings.error(path + ".port.name", "port names in servers must be unique: duplicate name " + port.name());
        }
        Protocol protocol = Protocol.parse(port.protocol());
        if (protocol == Protocol.UNSUPPORTED) {
            findings.error(path + ".port.protocol", "invalid protocol \"" + port.protocol()
                    + "\", supported protocols are HTTP, HTTP2, GRPC, GRPC-WEB, HTTPS, TLS, MONGO, REDIS, MYSQL, TCP");
        }
        if (port.targetPort() != 0) {
            findings.error(path + ".port.targetPort", "targetPort has no impact on Gateways");
        }
        validateTls(server, protocol, path, findings);
    }

    private static void validateServerHost(String host, String path, ResourceFindings findings) {
        String hostPart = host;
        int slash = host.indexOf('/');
        if (slash >= 0) {
            String namespace = host.substring(0, slash);
            hostPart = host.substring(slash + 1);
            if (!namespace.equals("*") && !namespace.equals(".") && !HostSyntax.isDns1123Label(namespace)) {
                findings.error(path, "invalid namespace value \"" + namespace + "\" in gateway");
            }
        }
        if (hostPart.equals("*") || HostSyntax.isIpAddress(hostPart)) {
            return;
        }
        String problem = HostSyntax.wildcardDomainProblem(hostPart);
        if (problem != null) {
            findings.error(path, host + ": " + problem);
        } else if (!hostPart.contains(".")) {
            findings.error(path, host + ": short names (non FQDN) are not allowed");
        }
    }

    private static void validateTls(Server server, Protocol protocol, String path, ResourceFindings findings) {
        String tlsPath = path + ".tls";
        if (server.tls().isEmpty()) {
            if (protocol.isTls()) {
                findings.error(tlsPath, "server must have TLS settings for HTTPS/TLS protocols");
            }
            return;
        }
        ServerTls tls = server.tls().get();
        String mode = tls.effectiveMode();
        if (tls.httpsRedirect() && !protocol.isHttp()) {
            findings.warning(tlsPath + ".httpsRedirect", "tls.httpsRedirect should only be used with http servers");
        }
        if (!protocol.isTls()) {
            boolean passthroughWithoutCertificates = mode.equals("PASSTHROUGH") && tls.caCertificates().isEmpty()
                    && tls.privateKey().isEmpty() && tls.serverCertificate().isEmpty();
            if (protocol.isHttp() && !passthroughWithoutCertificates) {
                findings.error(tlsPath, "server cannot have TLS settings for plain text HTTP ports");
            } else if (!protocol.isHttp() && protocol != Protocol.UNSUPPORTED) {
                findings.error(tlsPath, "server cannot have TLS settings for non HTTPS/TLS ports");
            }
            return;
        }
        if (!TLS_MODES.contains(mode)) {
            findings.error(tlsPath + ".mode", mode + " (expected: one of " + String.join(", ", TLS_MODES) + ")");
            return;
        }
        checkVersion(tls.minProtocolVersion(), tlsPath + ".minProtocolVersion", findings);
        checkVersion(tls.maxProtocolVersion(), tlsPath + ".maxProtocolVersion", findings);
        boolean hasCertificates = !tls.serverCertificate().isEmpty() || !tls.privateKey().isEmpty()
                || !tls.caCertificates().isEmpty() || !tls.credentialName().isEmpty() || !tls.credentialNames().isEmpty()
                || !tls.caCertCredentialName().isEmpty() || !tls.verifyCertificateSpki().isEmpty()
                || !tls.verifyCertificateHash().isEmpty();
        switch (mode) {
            case "ISTIO_MUTUAL" -> findings.error(tlsPath + ".mode", "ISTIO_MUTUAL is not supported: it terminates "
                    + "with the mesh workload certificates that istiod issues, and a standalone proxy has none "
                    + "(use SIMPLE or MUTUAL with certificate files or credentialName)");
            case "AUTO_PASSTHROUGH" -> findings.error(tlsPath + ".mode", "AUTO_PASSTHROUGH is not supported: it "
                    + "routes by SNI names that encode mesh clusters (outbound_.<port>_.<subset>_.<host>), which "
                    + "only istiod defines (use PASSTHROUGH with VirtualService tls routes)");
            case "PASSTHROUGH" -> {
                if (hasCertificates) {
                    findings.warning(tlsPath, mode + " mode does not use certificates, they will be ignored");
                }
            }
            default -> validateTerminating(tls, mode, tlsPath, findings);
        }
    }

    private static void validateTerminating(ServerTls tls, String mode, String tlsPath, ResourceFindings findings) {
        CertificatePinRules.check(tls, mode, tlsPath, findings);
        boolean files = !tls.serverCertificate().isEmpty() || !tls.privateKey().isEmpty();
        int sources = (files ? 1 : 0) + (tls.credentialName().isEmpty() ? 0 : 1) + (tls.credentialNames().isEmpty() ? 0 : 1);
        if (sources > 1) {
            findings.error(tlsPath, "only one of credential_name, credential_names, server_certificate/private_key, "
                    + "tls_certificates should be specified");
        }
        if (tls.credentialNames().size() > 2) {
            findings.error(tlsPath + ".credentialNames", tls.credentialNames().size() + " names (expected: 1 or 2)");
        }
        boolean credential = !tls.credentialName().isEmpty() || !tls.credentialNames().isEmpty();
        if (!credential) {
            if (tls.serverCertificate().isEmpty()) {
                findings.error(tlsPath + ".serverCertificate", mode + " TLS requires a server certificate");
            }
            if (tls.privateKey().isEmpty()) {
                findings.error(tlsPath + ".privateKey", mode + " TLS requires a private key");
            }
            if (!mode.equals("SIMPLE") && tls.caCertificates().isEmpty() && tls.caCertCredentialName().isEmpty()) {
                findings.error(tlsPath + ".caCertificates", "MUTUAL TLS requires a client CA bundle");
            }
        }
        if (!tls.caCrl().isEmpty()) {
            if (mode.equals("SIMPLE")) {
                findings.error(tlsPath + ".caCrl", "CRL is not supported with SIMPLE TLS");
            } else if (credential) {
                findings.error(tlsPath + ".caCrl", "CRL is not supported with credentialName; CRL has to be specified in the credential");
            }
        }
    }

    private static void checkVersion(String version, String path, ResourceFindings findings) {
        if (!version.isEmpty() && !TLS_VERSIONS.contains(version)) {
            findings.error(path, version + " (expected: one of TLS_AUTO, TLSV1_0, TLSV1_1, TLSV1_2, TLSV1_3)");
        }
    }
}
