package dev.loupe.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the files of one folder over HTTP on 127.0.0.1 only, honouring "Range: bytes=N-" (206 answers), with 404
 * for anything else; it can cut the next responses off halfway through their body to test resumed downloads.
 */
final class LoopbackFileServer implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final Path folder;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger cuts = new AtomicInteger();

    LoopbackFileServer(Path folder) throws IOException {
        this.folder = folder;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL, ending in '/'. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** The next {@code n} responses with a body send half of it, then drop the connection. */
    void cutNext(int n) {
        cuts.set(n);
    }

    /** Each request as "/name range" ("-" without a Range header). */
    List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring(1);
        String range = exchange.getRequestHeaders().getFirst("Range");
        requests.add("/" + name + " " + (range == null ? "-" : range));
        Path file = folder.resolve(name).normalize();
        if (name.isEmpty() || name.contains("/") || !file.startsWith(folder) || !Files.isRegularFile(file)) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        byte[] body = Files.readAllBytes(file);
        int start = 0;
        int status = 200;
        if (range != null) {
            Matcher m = RANGE.matcher(range);
            if (!m.matches() || Long.parseLong(m.group(1)) >= body.length) {
                exchange.getResponseHeaders().set("Content-Range", "bytes */" + body.length);
                exchange.sendResponseHeaders(416, -1);
                exchange.close();
                return;
            }
            start = Integer.parseInt(m.group(1));
            status = 206;
            exchange.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + (body.length - 1) + "/"
                    + body.length);
        }
        int length = body.length - start;
        exchange.sendResponseHeaders(status, length);
        OutputStream out = exchange.getResponseBody();
        if (cuts.getAndDecrement() > 0) {
            out.write(body, start, length / 2);
            out.flush();
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
