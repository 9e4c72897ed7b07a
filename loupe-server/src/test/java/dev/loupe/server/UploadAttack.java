package dev.loupe.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The slow-upload attack of issue 13, bounded and on loopback only: {@code connections} sockets each declare a large
 * upload ({@code POST /api/images}, Content-Length {@code declaredBytes}), send one byte, then one more byte per
 * second; meanwhile a normal search is timed every few seconds on a fresh connection, and the server process's
 * resident memory and threads are sampled from {@code /proc}. {@link #main} runs it against a {@link ServerProcess}
 * and prints the figures (docs/server.md records them); {@code UploadAttackTest} runs it in the suite.
 */
final class UploadAttack {
    /** What one attack run saw. Memory in MB; the log counts are lines the server wrote during the attack. */
    record Figures(int connections, int opened, int answeredEarly, long baselineRssMb, long peakRssMb,
                   long peakThreads, long beforeMillis, List<Long> searchMillis, List<Integer> searchStatus,
                   long afterMillis, int logLines, int stackTraceLines) {
        long slowestSearchMillis() {
            return searchMillis.stream().mapToLong(Long::longValue).max().orElse(-1);
        }

        String summary() {
            return String.format(Locale.ROOT, "connections %d (opened %d, answered by the server during the attack "
                            + "%d) | resident memory %d MB before, peak %d MB | peak threads %d | search before the attack "
                            + "%d ms, during it %s ms (status %s), after it %d ms | log lines %d (stack-trace lines %d)",
                    connections, opened, answeredEarly, baselineRssMb, peakRssMb, peakThreads, beforeMillis, searchMillis,
                    searchStatus, afterMillis, logLines, stackTraceLines);
        }
    }

    private final ServerProcess server;
    private final String path;
    private final String contentType;

    private final boolean trickle;

    /** With {@code trickle}, one more byte per second on every connection; without, silence after the first. */
    UploadAttack(ServerProcess server, String path, String contentType, boolean trickle) {
        this.server = server;
        this.path = path;
        this.contentType = contentType;
        this.trickle = trickle;
    }

    Figures run(int connections, long declaredBytes, int seconds) throws Exception {
        search(server.port()); // the first query of a JVM warms up the model
        long beforeMillis = timedSearch();
        long baseline = server.status("VmRSS") / 1024;
        int logBefore = lines(server.log()).size();
        List<Socket> open = new ArrayList<>();
        int opened = 0;
        int answered = 0;
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nContent-Type: "
                + contentType + "\r\nContent-Length: " + declaredBytes + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < connections; i++) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
                s.getOutputStream().write(head);
                s.getOutputStream().write(contentType.startsWith("image/") ? 0xFF : '{');
                s.getOutputStream().flush();
                open.add(s);
                opened++;
            } catch (IOException e) {
                s.close();
            }
        }
        long peakRss = baseline;
        long peakThreads = server.status("Threads");
        List<Long> millis = Collections.synchronizedList(new ArrayList<>());
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        ExecutorService prober = Executors.newSingleThreadExecutor();
        List<Future<?>> probes = new ArrayList<>();
        try {
            for (int second = 1; second <= seconds; second++) {
                Thread.sleep(1_000);
                for (var it = open.iterator(); it.hasNext(); ) {
                    Socket s = it.next();
                    try {
                        if (s.getInputStream().available() > 0) {
                            answered++;
                            s.close();
                            it.remove();
                            continue;
                        }
                        if (trickle) {
                            s.getOutputStream().write(0);
                            s.getOutputStream().flush();
                        }
                    } catch (IOException e) {
                        answered++;
                        s.close();
                        it.remove();
                    }
                }
                peakRss = Math.max(peakRss, server.status("VmRSS") / 1024);
                peakThreads = Math.max(peakThreads, server.status("Threads"));
                if (second % 3 == 0 && second < seconds) {
                    probes.add(prober.submit(() -> {
                        long t = System.nanoTime();
                        int status = search(server.port());
                        millis.add((System.nanoTime() - t) / 1_000_000);
                        statuses.add(status);
                        return null;
                    }));
                }
            }
            for (Future<?> f : probes) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            prober.shutdownNow();
            for (Socket s : open) {
                s.close();
            }
        }
        Thread.sleep(1_000);
        long afterMillis = timedSearch();
        List<String> log = lines(server.log());
        List<String> during = log.subList(Math.min(logBefore, log.size()), log.size());
        int stack = (int) during.stream().filter(l -> l.startsWith("\tat ") || l.startsWith("Caused by")).count();
        return new Figures(connections, opened, answered, baseline, peakRss, peakThreads, beforeMillis, List.copyOf(millis),
                List.copyOf(statuses), afterMillis, during.size(), stack);
    }

    /** Milliseconds a normal search takes, or -1 when it fails. */
    private long timedSearch() throws IOException {
        long t = System.nanoTime();
        int status = search(server.port());
        return status == 200 ? (System.nanoTime() - t) / 1_000_000 : -1;
    }

    /** A normal text search on a new connection; its HTTP status. */
    static int search(int port) throws IOException {
        byte[] body = "{\"text\": \"a cat\", \"k\": 10}".getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(120_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/search HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return answer.length() >= 12 ? Integer.parseInt(answer.substring(9, 12)) : -1;
        }
    }

    private static List<String> lines(Path log) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.ISO_8859_1) : List.of();
    }

    /**
     * {@code UploadAttack INDEX_DIR [CONNECTIONS [SECONDS [PATH [silent]]]]}: serves INDEX_DIR (an index of the
     * builtin model, e.g. the one {@code loupe index} writes) in its own process and attacks it; PATH is
     * {@code /api/images} (slow uploads, the default) or {@code /api/search} (slow JSON bodies).
     */
    public static void main(String[] args) throws Exception {
        Path index = Path.of(args[0]);
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        String path = args.length > 3 ? args[3] : "/api/images";
        Path log = Files.createTempFile("loupe-attack-", ".log");
        try (ServerProcess server = ServerProcess.start(log, List.of(), index, 2)) {
            String type = path.equals("/api/images") ? "image/jpeg" : "application/json";
            long declared = path.equals("/api/images") ? 25L << 20 : 200 * 1024;
            boolean trickle = args.length <= 4 || !args[4].equals("silent");
            Figures f = new UploadAttack(server, path, type, trickle).run(connections, declared, seconds);
            System.out.println(f.summary());
            System.out.println("server log: " + log);
        }
    }
}
