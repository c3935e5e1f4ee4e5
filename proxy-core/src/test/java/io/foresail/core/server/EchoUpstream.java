package io.foresail.core.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.security.KeyStore;
import java.security.cert.Certificate;
import io.foresail.core.testing.TestCertificate;

/**
 * A TCP upstream on {@code 127.0.0.1:0} that echoes every byte it reads and, once the client has
 * ended its output, writes {@link #BYE} and closes: a reply that only comes through when the proxy
 * passes the half-close on. Optionally TLS with its own certificate (a passthrough target).
 */
final class EchoUpstream implements AutoCloseable {

    static final String BYE = "bye";

    private final ServerSocket server;
    private final ConcurrentLinkedQueue<Socket> accepted = new ConcurrentLinkedQueue<>();

    private EchoUpstream(ServerSocket server) {
        this.server = server;
        Thread acceptor = new Thread(this::accept, "echo-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static EchoUpstream plain() throws IOException {
        return new EchoUpstream(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    /** Serves TLS with {@code certificate} (its own, not the proxy's). */
    static EchoUpstream tls(TestCertificate certificate) throws Exception {
        char[] password = "test".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("upstream", certificate.privateKey(), password, new Certificate[] {certificate.certificate()});
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        return new EchoUpstream(context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.add(socket);
                Thread echo = new Thread(() -> echo(socket), "echo-upstream-connection");
                echo.setDaemon(true);
                echo.start();
            } catch (IOException closed) {
                // server closed
            }
        }
    }

    private static void echo(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
            }
            out.write(BYE.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException reset) {
            // the test sees the consequences
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket socket;
        while ((socket = accepted.poll()) != null) {
            socket.close();
        }
    }
}
