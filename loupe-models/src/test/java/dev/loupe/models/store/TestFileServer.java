package dev.loupe.models.store;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback-only HTTP file server for tests: serves byte arrays by path (and, when made with a folder, that
 * folder's files by name), honours "Range: bytes=N-", answers 404 for unknown paths, and can break off the next
 * responses halfway through the body. Shared with other modules' tests through the test-jar.
 */
public final class TestFileServer implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger cuts = new AtomicInteger();
    private volatile boolean honourRange = true;
    private final Path folder;

    /** A server of the byte arrays given to {@link #put}. */
    public TestFileServer() throws IOException {
        this(null);
    }

    /** A server of the files directly in {@code folder} (read at each request), plus what {@link #put} adds. */
    public TestFileServer(Path folder) throws IOException {
        this.folder = folder == null ? null : folder.toAbsolutePath().normalize();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** The base URL, ending in '/'. */
    public String url() {
        return uri("/").toString();
    }

    public void put(String path, byte[] content) {
        files.put(path, content.clone());
    }

    /** The next {@code n} responses send half of their body, then the connection is dropped. */
    public void cutNext(int n) {
        cuts.set(n);
    }

    public void honourRange(boolean honour) {
        honourRange = honour;
    }

    /** Each request as "path range" ("-" when it had no Range header). */
    public List<String> requests() {
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
            body = fromFolder(path);
        }
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

    /** The folder's file named by {@code path} ("/name", no sub-folders), or null. */
    private byte[] fromFolder(String path) throws IOException {
        String name = path.substring(1);
        if (folder == null || name.isEmpty() || name.contains("/")) {
            return null;
        }
        Path file = folder.resolve(name).normalize();
        return file.startsWith(folder) && Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
