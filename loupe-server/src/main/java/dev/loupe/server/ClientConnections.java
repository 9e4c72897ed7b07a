package dev.loupe.server;

import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes a new connection at once when its address already holds {@code perClient} open ones. Jetty 11 limits
 * connections only in total ({@code ConnectionLimit}, which the server also uses); this listener, added to the
 * connector, is the per-address part. One WARN line when an address first goes over the limit, not one per
 * refused connection. Thread-safe.
 */
final class ClientConnections implements Connection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnections.class);

    private final int perClient;
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<InetAddress, Boolean> warned = new ConcurrentHashMap<>();
    /**
     * The connections counted in {@link #open}, with their address (a closed connection no longer knows it). A
     * refused connection is not counted, whether or not Jetty reports its close.
     */
    private final ConcurrentHashMap<Connection, InetAddress> counted = new ConcurrentHashMap<>();

    ClientConnections(int perClient) {
        this.perClient = perClient;
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress client = address(connection.getEndPoint().getRemoteSocketAddress());
        if (client == null) {
            return;
        }
        int[] now = new int[1];
        open.compute(client, (k, n) -> {
            now[0] = n == null ? 1 : n + 1;
            return now[0] > perClient ? n : Integer.valueOf(now[0]);
        });
        if (now[0] <= perClient) {
            counted.put(connection, client);
        } else {
            if (warned.putIfAbsent(client, Boolean.TRUE) == null) {
                LOG.warn("{} holds {} connections, the most one client may; closing its new connections until some "
                        + "close", client.getHostAddress(), perClient);
            }
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress client = counted.remove(connection);
        if (client == null) {
            return;
        }
        Integer left = open.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
        if (left == null || left < perClient) {
            warned.remove(client);
        }
    }

    private static InetAddress address(SocketAddress a) {
        return a instanceof InetSocketAddress i ? i.getAddress() : null;
    }
}
