package dev.loupe.models.store;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback-only HTTP file server for tests: serves byte arrays by path, honours "Range: bytes=N-", answers 404
 * for unknown paths, and can break off the next responses halfway through the body.
 */
final class TestFileServer implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger cuts = new AtomicInteger();
    private volatile boolean honourRange = true;

    TestFileServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    void put(String path, byte[] content) {
        files.put(path, content.clone());
    }

    /** The next {@code n} responses send half of their body, then the connection is dropped. */
    void cutNext(int n) {
        cuts.set(n);
    }

    void honourRange(boolean honour) {
        honourRange = honour;
    }

    /** Each request as "path range" ("-" when it had no Range header). */
    List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String range = exchange.getRequestHeaders().getFirst("Range");
        requests.add(path + " " + (range == null ? "-" : range));
        byte[] body = files.get(path);
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        int start = 0;
        int status = 200;
        if (range != null && honourRange) {
            Matcher m = RANGE.matcher(range);
            if (!m.matches() || Long.parseLong(m.group(1)) >= body.length) {
                exchange.getResponseHeaders().set("Content-Range", "bytes */" + body.length);
                exchange.sendResponseHeaders(416, -1);
                exchange.close();
                return;
            }
            start = Integer.parseInt(m.group(1));
            status = 206;
            exchange.getResponseHeaders().set("Content-Range",
                    "bytes " + start + "-" + (body.length - 1) + "/" + body.length);
        }
        int length = body.length - start;
        exchange.sendResponseHeaders(status, length);
        OutputStream out = exchange.getResponseBody();
        if (cuts.getAndDecrement() > 0) {
            out.write(body, start, length / 2);
            out.flush();
            // Abandoning the exchange with an exception makes the server drop the connection mid-body.
            throw new IOException("test server: cutting the connection after " + length / 2 + " bytes");
        }
        out.write(body, start, length);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
