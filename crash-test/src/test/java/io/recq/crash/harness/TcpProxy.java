package io.recq.crash.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on 127.0.0.1 between the server's datasource and PostgreSQL, so that the database can be cut off
 * without touching PostgreSQL itself: {@link #cut()} closes every connection and stops listening (new
 * connections are refused), {@link #restore()} listens again on the same port.
 */
final class TcpProxy implements AutoCloseable {

    private final int port;
    private final InetSocketAddress target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;

    /**
     * @param port the port to listen on
     * @param targetHost the database's host
     * @param targetPort the database's port
     */
    TcpProxy(int port, String targetHost, int targetPort) {
        this.port = port;
        this.target = new InetSocketAddress(targetHost, targetPort);
    }

    /** @return the port it listens on */
    int port() {
        return port;
    }

    /**
     * Listens (again).
     *
     * @throws IOException when the port cannot be bound
     */
    synchronized void restore() throws IOException {
        if (listener != null) {
            return;
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
        listener = socket;
        Thread acceptor = new Thread(() -> accept(socket), "crash-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Cuts the database off: closes the listener and every open connection.
     */
    synchronized void cut() {
        ServerSocket socket = listener;
        listener = null;
        closeQuietly(socket);
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        sockets.clear();
    }

    /** @return whether it listens */
    boolean isUp() {
        return listener != null;
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return; // cut or closed
            }
            Socket server = new Socket();
            try {
                server.connect(target, 5_000);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(server);
                continue;
            }
            // under the lock of cut(): a connection accepted while the database is being cut off either is
            // closed here or is among the sockets cut() closes, never left open across the outage
            synchronized (this) {
                if (listener != socket) {
                    closeQuietly(client);
                    closeQuietly(server);
                    return;
                }
                sockets.add(client);
                sockets.add(server);
            }
            pump(client, server);
            pump(server, client);
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16_384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed or was cut: close both below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "crash-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (IOException e) {
                // closing is all we wanted
            }
        }
    }

    @Override
    public void close() {
        cut();
    }
}
