package io.foresail.core.cli;

import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS client connections to a local port, as {@code curl -k --resolve NAME:PORT:127.0.0.1} makes
 * them: SNI {@code serverName}, any certificate accepted (tests compare the one served themselves).
 */
final class TlsSockets {

    private TlsSockets() {
    }

    /** A handshaken connection to {@code 127.0.0.1:port} with SNI {@code serverName}; reads time out after 10 s. */
    static SSLSocket connect(int port, String serverName) throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
        return connect(context, port, serverName, false);
    }

    /**
     * A handshaken connection as {@code curl --cacert} makes it: the server's chain must lead to one
     * of {@code trusted} and its certificate must name {@code serverName}.
     */
    static SSLSocket connectVerified(int port, String serverName, List<X509Certificate> trusted)
            throws IOException, GeneralSecurityException {
        KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
        anchors.load(null, null);
        for (int i = 0; i < trusted.size(); i++) {
            anchors.setCertificateEntry("trusted-" + i, trusted.get(i));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return connect(context, port, serverName, true);
    }

    private static SSLSocket connect(SSLContext context, int port, String serverName, boolean verifyName)
            throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(serverName)));
            if (verifyName) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** The leaf certificate the server presented on {@code socket}. */
    static X509Certificate served(SSLSocket socket) throws IOException {
        return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
}
