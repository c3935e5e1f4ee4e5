package io.foresail.core.runtime;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * The certificate a server {@link SslContext} presents, found by a TLS handshake in memory between
 * one of its engines and a JDK client engine that trusts anything. For JDK-provider contexts (their
 * engines hold no native memory to release).
 */
final class ServedCertificate {

    private static final int MAX_ROUNDS = 50;

    private ServedCertificate() {
    }

    static X509Certificate of(SslContext serverContext) throws Exception {
        SSLEngine server = serverContext.newEngine(ByteBufAllocator.DEFAULT);
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
        SSLEngine client = clientContext.createSSLEngine("edge.example.com", 443);
        client.setUseClientMode(true);
        int packetSize = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
        ByteBuffer toServer = ByteBuffer.allocate(4 * packetSize);
        ByteBuffer toClient = ByteBuffer.allocate(4 * packetSize);
        ByteBuffer application = ByteBuffer.allocate(4 * packetSize);
        ByteBuffer nothing = ByteBuffer.allocate(0);
        client.beginHandshake();
        server.beginHandshake();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            if (done(client) && done(server)) {
                return (X509Certificate) client.getSession().getPeerCertificates()[0];
            }
            step(client, nothing, toServer, toClient, application);
            step(server, nothing, toClient, toServer, application);
        }
        throw new AssertionError("no TLS handshake after " + MAX_ROUNDS + " rounds: client " + client.getHandshakeStatus()
                + ", server " + server.getHandshakeStatus());
    }

    /** Lets {@code engine} write what it wants to send into {@code outbound} and read what waits in {@code inbound}. */
    private static void step(SSLEngine engine, ByteBuffer nothing, ByteBuffer outbound, ByteBuffer inbound,
                             ByteBuffer application) throws SSLException {
        engine.wrap(nothing, outbound);
        runTasks(engine);
        inbound.flip();
        while (inbound.hasRemaining()) {
            int before = inbound.remaining();
            engine.unwrap(inbound, application);
            runTasks(engine);
            application.clear();
            if (inbound.remaining() == before) {
                break;
            }
        }
        inbound.compact();
    }

    private static void runTasks(SSLEngine engine) {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    private static boolean done(SSLEngine engine) {
        HandshakeStatus status = engine.getHandshakeStatus();
        return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
    }
}
