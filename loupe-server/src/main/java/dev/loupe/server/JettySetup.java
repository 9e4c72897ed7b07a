package dev.loupe.server;

import io.javalin.Javalin;
import io.javalin.config.JettyConfig;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.net.BindException;

/**
 * How Jetty runs under {@code loupe serve}, so that slow or many clients cannot take the server down:
 * <ul>
 *   <li>requests are handled on virtual threads (Jetty's selectors and acceptor keep a small pool of platform
 *       threads): a client that sends its body slowly parks a virtual thread, not one of a few hundred platform
 *       threads that every other request needs (measured in docs/server.md);</li>
 *   <li>a read or write inside a request waits at most {@link ServerLimits#ioTimeout()} for progress, and a body
 *       must arrive at {@link ServerLimits#minBodyBytesPerSecond()} at least;</li>
 *   <li>connections are limited in total (Jetty's {@link ConnectionLimit}) and per address
 *       ({@link ClientConnections}).</li>
 * </ul>
 */
final class JettySetup {
    /** Platform threads for Jetty's own work (accepting, selecting); requests run on virtual threads. */
    private static final int PLATFORM_THREADS = 32;

    private JettySetup() {
    }

    static void configure(JettyConfig jetty, ServerConfig config) {
        ServerLimits limits = config.limits();
        QueuedThreadPool pool = new QueuedThreadPool(PLATFORM_THREADS, 4);
        pool.setName("loupe-http");
        if (VirtualThreads.areSupported()) {
            pool.setVirtualThreadsExecutor(VirtualThreads.getDefaultVirtualThreadsExecutor());
        }
        jetty.threadPool = pool;
        jetty.modifyHttpConfiguration(http -> {
            http.setIdleTimeout(limits.ioTimeout().toMillis());
            http.setMinRequestDataRate(limits.minBodyBytesPerSecond());
            http.setSendServerVersion(false);
        });
        jetty.addConnector((server, http) -> {
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost(config.bind());
            connector.setPort(config.port());
            connector.addBean(new ClientConnections(limits.connectionsPerClient()));
            server.addBean(new ConnectionLimit(limits.connections(), connector));
            return connector;
        });
    }

    /** Starts listening; a port or address that cannot be had is explained, not reported as a stack trace. */
    static void start(Javalin app, ServerConfig config) {
        try {
            app.start();
        } catch (RuntimeException e) {
            BindException bind = cause(e, BindException.class);
            if (bind == null) {
                throw e;
            }
            String where = (config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind()) + ":" + config.port();
            String m = bind.getMessage() == null ? "" : bind.getMessage();
            String hint;
            if (m.contains("already in use")) {
                hint = "another program listens on port " + config.port() + "; stop it or pick another --port";
            } else if (m.contains("assign requested address")) {
                hint = config.bind() + " is not an address of this machine; use one of its addresses or the default "
                        + "--bind 127.0.0.1";
            } else if (m.contains("ermission denied")) {
                hint = "ports below 1024 need administrator rights; pick --port 1024 or above";
            } else {
                hint = "check --bind and --port";
            }
            throw new IllegalStateException("cannot listen on " + where + ": " + m + " — " + hint, e);
        }
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
