package io.foresail.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.foresail.core.testing.Closer;
import io.foresail.core.testing.RawHttpClient;
import io.foresail.core.testing.StubUpstream;
import io.foresail.tls.testing.TestPki;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK provider refuses client-initiated TLS 1.2 renegotiation (a CPU DoS), over real sockets.
 * SunJSSE reads its setting when its first handshake runs, so the proxy runs in a JVM of its own,
 * started as {@link Main} starts it ({@link EphemeralPortsMain}).
 */
class RenegotiationIT {

    private static final String HOST = "edge.example.com";

    @RegisterExtension
    final Closer closer = new Closer();

    @TempDir
    Path dir;

    /**
     * The proxy in a child JVM started with {@code jvmOptions}, {@code --tls-provider jdk}, port 443
     * terminating {@value #HOST} (SIMPLE) to {@code upstream}; its bound port.
     */
    private int startProxy(StubUpstream upstream, String... jvmOptions) throws Exception {
        TestPki.Issued server = TestPki.create(Files.createDirectories(dir.resolve("pki"))).server(HOST);
        Path config = Files.writeString(dir.resolve("gateway.yaml"), """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: edge}
                spec:
                  servers:
                  - port: {number: 443, name: https, protocol: HTTPS}
                    hosts: ["%s"]
                    tls: {mode: SIMPLE, serverCertificate: %s, privateKey: %s}
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: edge}
                spec:
                  hosts: ["%s"]
                  gateways: [edge]
                  http:
                  - route:
                    - destination: {host: edge.internal}
                ---
                apiVersion: networking.istio.io/v1
                kind: ServiceEntry
                metadata: {name: edge}
                spec:
                  hosts: [edge.internal]
                  resolution: STATIC
                  ports: [{number: 80, name: http, protocol: HTTP}]
                  endpoints: [{address: 127.0.0.1, ports: {http: %d}}]
                """.formatted(HOST, server.chainFile(), server.pkcs8KeyFile(), HOST, upstream.port()));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), EphemeralPortsMain.class.getName(),
                "--config", config.toString(), "--tls-provider", "jdk"));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        closer.register(() -> {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        });
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String portLine = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("port ")) {
                        return line;
                    }
                }
                return "exited " + process.waitFor();
            } catch (IOException | InterruptedException e) {
                return e.toString();
            }
        }).get(60, TimeUnit.SECONDS);
        assertThat(portLine).as("the child proxy's bound port").startsWith("port ");
        return Integer.parseInt(portLine.substring("port ".length()));
    }

    private SSLSocket tls12(int port) throws Exception {
        SSLContext context = SSLContext.getInstance("TLSv1.2");
        context.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
        SSLSocket socket = closer.register((SSLSocket) context.getSocketFactory().createSocket());
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(HOST)));
        parameters.setProtocols(new String[] {"TLSv1.2"});
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    /** A TLS 1.2 connection to {@code port} that has had one exchange, then asks for a new handshake; the next exchange. */
    private RawHttpClient.Response exchangeAfterRenegotiating(int port) throws Exception {
        SSLSocket socket = tls12(port);
        RawHttpClient client = closer.register(new RawHttpClient(socket));
        assertThat(client.exchange("GET /first HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n").bodyText()).isEqualTo("edge /first");
        assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");

        socket.getSession().invalidate();
        // On an established connection this only sends the ClientHello; the server's answer is read with the next response.
        socket.startHandshake();
        return client.exchange("GET /second HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n");
    }

    @Test
    void jdkProviderRefusesAClientRenegotiation() throws Exception {
        StubUpstream upstream = closer.register(StubUpstream.start("edge"));
        int port = startProxy(upstream);

        assertThatThrownBy(() -> exchangeAfterRenegotiating(port)).as("refused with an alert")
                .isInstanceOf(IOException.class);
        assertThat(upstream.requests()).as("only the request before the renegotiation").hasSize(1);
    }

    @Test
    void aValueTheUserSetIsKept() throws Exception {
        StubUpstream upstream = closer.register(StubUpstream.start("edge"));
        int port = startProxy(upstream, "-Djdk.tls.rejectClientInitiatedRenegotiation=false");

        assertThat(exchangeAfterRenegotiating(port).bodyText()).as("-D...=false: the renegotiation is accepted")
                .isEqualTo("edge /second");
    }
}
