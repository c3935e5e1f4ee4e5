package io.foresail.core.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;

/**
 * An HTTPS/1.1 upstream on {@code 127.0.0.1:0} (JDK {@code HttpsServer}) serving {@code certificate},
 * optionally requiring a client certificate signed by (here: equal to) a trusted one. Records, per
 * request, the SNI the client sent and the subject of the client certificate it presented, and
 * answers {@code 200 <name> <path>} with a content-length, keeping the connection open.
 */
@SuppressWarnings("deprecation") // SelfSignedCertificate: deprecated in Netty 4.2, still the simplest in-process certificate
public final class TlsStubUpstream implements AutoCloseable {

    /** One request as the upstream received it. */
    public record Recorded(String path, String serverName, String clientSubject, InetSocketAddress remote) {
    }

    private final String name;
    private final HttpsServer server;
    private final ExecutorService executor;
    private final ConcurrentLinkedQueue<Recorded> requests = new ConcurrentLinkedQueue<>();
    private final Set<InetSocketAddress> connections = ConcurrentHashMap.newKeySet();

    private TlsStubUpstream(String name, SelfSignedCertificate certificate, X509Certificate requiredClient)
            throws IOException, GeneralSecurityException {
        this.name = name;
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers(certificate), requiredClient == null ? null : trustManagers(requiredClient), null);
        this.server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = context.getDefaultSSLParameters();
                parameters.setNeedClientAuth(requiredClient != null);
                params.setSSLParameters(parameters);
            }
        });
        this.executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "tls-stub-upstream-" + name);
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** An upstream serving {@code certificate} to any client. */
    public static TlsStubUpstream start(String name, SelfSignedCertificate certificate)
            throws IOException, GeneralSecurityException {
        return new TlsStubUpstream(name, certificate, null);
    }

    /** An upstream serving {@code certificate} that refuses clients without the certificate {@code requiredClient}. */
    public static TlsStubUpstream requiringClientCertificate(String name, SelfSignedCertificate certificate,
                                                             X509Certificate requiredClient)
            throws IOException, GeneralSecurityException {
        return new TlsStubUpstream(name, certificate, requiredClient);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /** Distinct upstream connections that carried at least one request. */
    public int connectionCount() {
        return connections.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        SSLSession session = ((HttpsExchange) exchange).getSSLSession();
        requests.add(new Recorded(exchange.getRequestURI().getPath(), serverName(session), clientSubject(session),
                exchange.getRemoteAddress()));
        connections.add(exchange.getRemoteAddress());
        byte[] body = (name + " " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String serverName(SSLSession session) {
        if (session instanceof ExtendedSSLSession extended) {
            for (SNIServerName requested : extended.getRequestedServerNames()) {
                if (requested instanceof SNIHostName host) {
                    return host.getAsciiName();
                }
            }
        }
        return "";
    }

    private static String clientSubject(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return ((X509Certificate) chain[0]).getSubjectX500Principal().getName();
        } catch (javax.net.ssl.SSLPeerUnverifiedException none) {
            return null;
        }
    }

    private static javax.net.ssl.KeyManager[] keyManagers(SelfSignedCertificate certificate) throws GeneralSecurityException, IOException {
        char[] password = "test".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", certificate.key(), password, new Certificate[] {certificate.cert()});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory.getKeyManagers();
    }

    private static javax.net.ssl.TrustManager[] trustManagers(X509Certificate trusted) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("client", trusted);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
