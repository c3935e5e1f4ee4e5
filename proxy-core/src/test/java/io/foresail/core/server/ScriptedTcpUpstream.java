package io.foresail.core.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP upstream on {@code 127.0.0.1:0} for one connection: writes {@code reply} and ends its output
 * first, either half-closing ({@link #halfClosing}) and then reading what the client still sends
 * until its end, or closing the connection ({@link #closing}) without reading anything.
 */
final class ScriptedTcpUpstream implements AutoCloseable {

    private final ServerSocket server;
    private final byte[] reply;
    private final boolean halfClose;
    private final AtomicLong written = new AtomicLong();
    private final CompletableFuture<byte[]> received = new CompletableFuture<>();
    private volatile Socket accepted;

    private ScriptedTcpUpstream(byte[] reply, boolean halfClose) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.reply = reply;
        this.halfClose = halfClose;
        Thread thread = new Thread(this::serve, "scripted-tcp-upstream");
        thread.setDaemon(true);
        thread.start();
    }

    /** Writes {@code reply}, half-closes, then reads until the client's end ({@link #received()}). */
    static ScriptedTcpUpstream halfClosing(byte[] reply) throws IOException {
        return new ScriptedTcpUpstream(reply, true);
    }

    /** Writes {@code reply} and closes the connection, reading nothing. */
    static ScriptedTcpUpstream closing(byte[] reply) throws IOException {
        return new ScriptedTcpUpstream(reply, false);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Bytes of the reply written so far (blocking writes: what the proxy has taken). */
    long written() {
        return written.get();
    }

    /** What the client sent after the upstream half-closed, once the client ended its output. */
    CompletableFuture<byte[]> received() {
        return received;
    }

    private void serve() {
        try (Socket socket = server.accept()) {
            accepted = socket;
            OutputStream out = socket.getOutputStream();
            for (int offset = 0; offset < reply.length; offset += 64 * 1024) {
                int length = Math.min(64 * 1024, reply.length - offset);
                out.write(reply, offset, length);
                written.addAndGet(length);
            }
            out.flush();
            if (halfClose) {
                socket.shutdownOutput();
                InputStream in = socket.getInputStream();
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                in.transferTo(all);
                received.complete(all.toByteArray());
            }
        } catch (IOException e) {
            received.completeExceptionally(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket socket = accepted;
        if (socket != null) {
            socket.close();
        }
    }
}
