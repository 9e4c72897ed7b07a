package dev.loupe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageIndex;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ModelInfo;
import dev.loupe.core.VectorQuery;
import dev.loupe.core.Vectors;
import dev.loupe.engine.IndexReport;
import dev.loupe.engine.IndexerOptions;
import dev.loupe.engine.Loupe;
import dev.loupe.engine.SessionOptions;
import dev.loupe.engine.IndexProgress;
import dev.loupe.index.solr.SolrBackend;
import dev.loupe.index.solr.SolrTestCluster;
import dev.loupe.models.builtin.BuiltinModel;
import dev.loupe.models.builtin.BuiltinRecipe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Indexing at scale on a real 3-node SolrCloud: two workers on one folder, a worker killed with SIGKILL that
 * resumes, and the loss of a Solr node while queries and an indexing run go on. Each ends with exactly one
 * document per image file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SolrScaleOutTest {
    static final int FILES = 150;
    private static final ModelInfo MODEL = BuiltinModel.infoFor(BuiltinRecipe.DEFAULT);

    @TempDir
    static Path tmp;
    private Path photos;
    private Set<String> paths;
    private SolrTestCluster cluster;

    @BeforeAll
    void makePhotos() throws Exception {
        cluster = SolrTestCluster.shared();
        photos = Files.createDirectories(tmp.resolve("photos"));
        Random random = new Random(42);
        paths = new HashSet<>();
        for (int i = 0; i < FILES; i++) {
            BufferedImage img = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(random.nextInt(0xffffff)));
            g.fillRect(0, 0, 160, 120);
            g.setColor(new Color(random.nextInt(0xffffff)));
            g.fillOval(random.nextInt(120), random.nextInt(90), 40, 30);
            g.dispose();
            Path f = photos.resolve(String.format("img-%04d.jpg", i));
            ImageIO.write(img, "jpg", f.toFile());
            paths.add(f.toString());
        }
    }

    private String[] solr(String collection) {
        return new String[] {"--solr", cluster.zkAddress(), "--collection", collection};
    }

    /** A command line; index runs without the OCR pass, which these tests of counts and node loss do not need. */
    private static String[] args(String[] first, String[] where, String... rest) {
        String[] ocr = first[0].equals("index") ? new String[] {"--no-ocr"} : new String[0];
        return Stream.of(first, ocr, where, rest).flatMap(Stream::of).toArray(String[]::new);
    }

    /** Exactly one document per file: the count, and every path once. */
    private void assertOneDocumentPerFile(String collection) throws Exception {
        try (ImageIndex index = new SolrBackend(cluster.target(), collection).openForReading(MODEL)) {
            assertEquals(FILES, index.count());
            Set<String> seen = new HashSet<>();
            index.forEach(ImageFilter.NONE, Set.of(), (r, v) -> assertTrue(seen.add(r.path()), "twice: " + r.path()));
            assertEquals(paths, seen);
        }
    }

    @Test
    void twoWorkersOnOneFolderEndWithTheRightCount() throws Exception {
        String[] where = solr("workers");
        CliRunner.Result created = CliRunner.run(args(new String[] {"index", "--rebuild", "--shards", "2", "--replicas",
                "2", "--json"}, where, Files.createDirectories(tmp.resolve("empty")).toString()));
        assertEquals(0, created.exit(), created.err());
        CompletableFuture<CliRunner.Result> one = CompletableFuture.supplyAsync(() -> CliRunner.run(
                args(new String[] {"index", "--worker", "1/2", "--threads", "1", "--json"}, where, photos.toString())));
        CompletableFuture<CliRunner.Result> two = CompletableFuture.supplyAsync(() -> CliRunner.run(
                args(new String[] {"index", "--worker", "2/2", "--threads", "1", "--json"}, where, photos.toString())));
        CliRunner.Result a = one.get(10, TimeUnit.MINUTES);
        CliRunner.Result b = two.get(10, TimeUnit.MINUTES);
        assertEquals(0, a.exit(), a.err());
        assertEquals(0, b.exit(), b.err());
        int ia = a.json().get("indexed").asInt();
        int ib = b.json().get("indexed").asInt();
        assertTrue(ia > FILES / 4 && ib > FILES / 4, "each worker took its share: " + ia + " + " + ib);
        assertEquals(FILES, ia + ib);
        assertOneDocumentPerFile("workers");
        // a worker without a share finds everything done; one whose files vanished removes only its own
        CliRunner.Result all = CliRunner.run(args(new String[] {"index", "--json"}, where, photos.toString()));
        assertEquals(FILES, all.json().get("unchanged").asInt(), all.out());
    }

    @Test
    void aKilledWorkerLosesNothingAcknowledgedAndResumes() throws Exception {
        String[] where = solr("crash");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.loupe.cli.Main"));
        cmd.addAll(List.of(args(new String[] {"index", "--rebuild", "--replicas", "2", "--commit-every", "10",
                "--threads", "1", "--json"}, where, photos.toString())));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("crash-indexer.log").toFile()).start();
        int before;
        try {
            before = waitForDocuments("crash", 30, Duration.ofMinutes(5));
        } finally {
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no last flush
            p.waitFor(30, TimeUnit.SECONDS);
        }
        int survived;
        try (ImageIndex index = new SolrBackend(cluster.target(), "crash").openForReading(MODEL)) {
            survived = index.count();
        }
        assertTrue(survived >= before && survived < FILES, "survived " + survived + ", seen " + before);
        CliRunner.Result again = CliRunner.run(args(new String[] {"index", "--json"}, where, photos.toString()));
        assertEquals(0, again.exit(), again.err());
        JsonNode r = again.json();
        assertTrue(r.get("unchanged").asInt() >= survived, "resumes: " + r);
        assertEquals(FILES, r.get("unchanged").asInt() + r.get("indexed").asInt(), r.toString());
        assertOneDocumentPerFile("crash");
    }

    /** Polls the collection until it holds {@code min} searchable documents; returns how many it saw. */
    private int waitForDocuments(String collection, int min, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        SolrBackend backend = new SolrBackend(cluster.target(), collection);
        while (System.nanoTime() < deadline) {
            try {
                if (backend.recordedModel().isPresent()) {
                    try (ImageIndex index = backend.openForReading(MODEL)) {
                        int n = index.count();
                        if (n >= min) {
                            return n;
                        }
                    }
                }
            } catch (dev.loupe.index.solr.SolrIndexException e) {
                // the collection is still being created: its replicas are not active yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("fewer than " + min + " documents in " + collection + " after " + timeout);
    }

    /**
     * Stops one of the three Solr nodes while an indexing run and a bounded query load go on: the writer retries
     * what the lost node did not acknowledge, the queries are answered by the surviving replicas.
     */
    @Test
    void losingANodeUnderQueryAndIndexingLoadLosesAndDoublesNothing() throws Exception {
        SolrBackend backend = new SolrBackend(cluster.target(), "nodeloss", 2, 2);
        SessionOptions session = SessionOptions.fromEnvironment(System.getenv()).withIndex(backend)
                .withAccess(SessionOptions.Access.REBUILD).withThreads(1);
        AtomicInteger queries = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger failuresAfterNoticed = new AtomicInteger();
        AtomicLong noticedAt = new AtomicLong(Long.MAX_VALUE);
        StringBuilder firstFailure = new StringBuilder();
        IndexReport report;
        long stoppedAfterMs;
        try (Loupe loupe = Loupe.open(session)) {
            CompletableFuture<IndexReport> indexing = CompletableFuture.supplyAsync(() -> loupe.indexer(
                    new IndexerOptions(1, 8, 10, Duration.ofSeconds(5))).run(List.of(photos), IndexProgress.NONE));
            long t0 = System.nanoTime();
            waitForDocuments("nodeloss", 30, Duration.ofMinutes(5));
            CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
                Random r = new Random(1);
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
                try (ImageIndex reader = backend.openForReading(MODEL)) {
                    // bounded: at most 3000 queries or 4 minutes, and stops 3 s after the indexing run
                    long doneAt = Long.MAX_VALUE;
                    while (queries.get() < 3000 && System.nanoTime() < Math.min(end, doneAt)) {
                        float[] q = new float[MODEL.space("semantic").dimension()];
                        for (int i = 0; i < q.length; i++) {
                            q[i] = (float) r.nextGaussian();
                        }
                        queries.incrementAndGet();
                        try {
                            reader.nearest(new VectorQuery("semantic", Vectors.normalize(q), 10));
                        } catch (RuntimeException e) {
                            failures.incrementAndGet();
                            if (System.nanoTime() > noticedAt.get()) {
                                failuresAfterNoticed.incrementAndGet();
                            }
                            synchronized (firstFailure) {
                                if (firstFailure.isEmpty()) {
                                    firstFailure.append(e.getMessage());
                                }
                            }
                        }
                        if (indexing.isDone() && doneAt == Long.MAX_VALUE) {
                            doneAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                        }
                        Thread.sleep(20);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(1000);
            cluster.stopNode(1);
            stoppedAfterMs = (System.nanoTime() - t0) / 1_000_000;
            // the node has left live_nodes when stopNode returns; give clients 2 s to see the new cluster state
            noticedAt.set(System.nanoTime() + TimeUnit.SECONDS.toNanos(2));
            try {
                report = indexing.get(10, TimeUnit.MINUTES);
                load.get(5, TimeUnit.MINUTES);
            } finally {
                cluster.startNode(1);
            }
        }
        System.out.printf("node loss: node 1 of 3 stopped %d ms into the run; %d queries, %d failed (%d after the "
                + "cluster noticed)%s; indexing: %d indexed, %d skipped in %.1f s%n", stoppedAfterMs, queries.get(),
                failures.get(), failuresAfterNoticed.get(), firstFailure.isEmpty() ? "" : ", first: " + firstFailure,
                report.indexed(), report.skipped().size(), report.timings().wallSeconds());
        assertEquals(FILES, report.indexed(), "the indexing run completed despite the lost node");
        assertEquals(0, failuresAfterNoticed.get(), "queries failed after the cluster noticed: " + firstFailure);
        assertTrue(queries.get() > 20, "the query load ran: " + queries.get());
        assertOneDocumentPerFile("nodeloss");
    }
}
