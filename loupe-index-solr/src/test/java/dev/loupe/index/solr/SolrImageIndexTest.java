package dev.loupe.index.solr;

import dev.loupe.core.Hit;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageIds;
import dev.loupe.core.ImageIndex;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.IndexMismatchException;
import dev.loupe.core.ModelInfo;
import dev.loupe.core.Space;
import dev.loupe.core.VectorQuery;
import dev.loupe.core.Vectors;
import dev.loupe.core.WritableImageIndex;
import dev.loupe.index.LuceneBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Solr backend against a real 3-node SolrCloud (2 shards × 2 replicas), side by side with the embedded Lucene
 * index on the same images: records, vectors, counts, scans, kNN under every kind of filter, labels. The filters'
 * answers are also checked against {@link ImageFilter#test}, the reference semantics.
 */
class SolrImageIndexTest {
    static final ModelInfo MODEL = new ModelInfo("test-model", "1",
            List.of(new Space(Space.SEMANTIC, 8), new Space(Space.VISUAL, 64)), Space.SEMANTIC);
    private static final int N = 300;
    private static final long DAY = 86_400_000L;

    @TempDir
    static Path luceneDir;
    private static SolrTestCluster cluster;
    private static WritableImageIndex solr;
    private static WritableImageIndex lucene;
    private static final List<ImageRecord> records = new ArrayList<>();
    private static final List<ImageVectors> vectors = new ArrayList<>();
    private static final Map<String, Map<String, Float>> labels = new HashMap<>();

    static float[] random(Random r, int dim) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return Vectors.normalize(v);
    }

    static ImageVectors vectors(Random r, ModelInfo model) {
        Map<String, float[]> m = new HashMap<>();
        model.spaces().forEach(s -> m.put(s.name(), random(r, s.dimension())));
        return new ImageVectors(m);
    }

    /** Image i: folders a/ and b/ c/ (with a space and a brace in the name), sizes, dates with and without EXIF. */
    static ImageRecord record(int i) {
        String folder = i % 3 == 0 ? "/photos/a/" : i % 3 == 1 ? "/photos/b/" : "/photos/c d}/";
        String path = folder + "p" + i + ".jpg";
        long taken = i % 2 == 0 ? 1_600_000_000_000L + i * DAY : -1;
        return new ImageRecord(ImageIds.forPath(path), path, 1000L * i, 1_500_000_000_000L + i * DAY,
                "h" + i, 100 + i, 50 + (i * 7) % 300, taken);
    }

    @BeforeAll
    static void fill() throws Exception {
        cluster = SolrTestCluster.shared();
        solr = new SolrBackend(cluster.target(), "contract", 2, 2).openForWriting(MODEL, true);
        lucene = new LuceneBackend(luceneDir).openForWriting(MODEL, true);
        Random r = new Random(7);
        for (int i = 0; i < N; i++) {
            ImageRecord rec = record(i);
            ImageVectors v = vectors(r, MODEL);
            records.add(rec);
            vectors.add(v);
            solr.upsert(rec, v);
            lucene.upsert(rec, v);
        }
        solr.commit();
        lucene.commit();
        for (int i = 0; i < N; i += 5) {
            Map<String, Float> l = i % 10 == 0 ? Map.of("cat", 0.9f, "pet animal", 0.5f) : Map.of("dog/puppy", 0.3f);
            labels.put(records.get(i).id(), l);
            solr.setLabels(records.get(i).id(), l);
            lucene.setLabels(records.get(i).id(), l);
        }
        solr.commit();
        lucene.commit();
    }

    @AfterAll
    static void close() throws Exception {
        solr.close();
        lucene.close();
    }

    private static List<ImageFilter> filters() {
        long t0 = 1_600_000_000_000L;
        return List.of(ImageFilter.NONE,
                ImageFilter.NONE.inFolder("/photos/a"),
                ImageFilter.NONE.inFolder("/photos/c d}"),
                ImageFilter.NONE.datedIn(new ImageFilter.Range(t0 + 10 * DAY, t0 + 120 * DAY)),
                ImageFilter.NONE.datedIn(ImageFilter.Range.atMost(1_500_000_000_000L + 40 * DAY)),
                ImageFilter.NONE.sized(new ImageFilter.Range(50_000, 150_000), ImageFilter.Range.ALL, ImageFilter.Range.ALL),
                ImageFilter.NONE.sized(ImageFilter.Range.ALL, ImageFilter.Range.atLeast(300), ImageFilter.Range.atMost(200)),
                ImageFilter.withLabel("cat"),
                ImageFilter.NONE.withLabels(List.of("dog/puppy", "pet animal"), 0.4f),
                ImageFilter.withLabel("nobody"),
                ImageFilter.withIds(List.of(records.get(3).id(), records.get(77).id(), "0000000000000000")),
                ImageFilter.withLabel("cat").inFolder("/photos/b").datedIn(ImageFilter.Range.atLeast(t0)));
    }

    private static Set<String> expected(ImageFilter f) {
        Set<String> ids = new HashSet<>();
        for (ImageRecord r : records) {
            if (f.test(r, labels.getOrDefault(r.id(), Map.of()))) {
                ids.add(r.id());
            }
        }
        return ids;
    }

    @Test
    void countsAndScansAgreeWithTheReferenceFilterAndTheEmbeddedIndex() {
        assertEquals(N, solr.count());
        for (ImageFilter f : filters()) {
            Set<String> want = expected(f);
            assertEquals(want.size(), solr.count(f), f.toString());
            assertEquals(lucene.count(f), solr.count(f), f.toString());
            Set<String> seen = new HashSet<>();
            solr.forEach(f, Set.of(Space.VISUAL), (r, v) -> {
                assertTrue(seen.add(r.id()), "visited twice: " + r.path());
                assertArrayEquals(vectors.get(records.indexOf(r)).get(Space.VISUAL), v.get(Space.VISUAL), 0f);
            });
            assertEquals(want, seen, f.toString());
        }
    }

    @Test
    void nearestUnderEveryFilterMatchesTheExactAnswerAndTheEmbeddedIndex() {
        Random r = new Random(11);
        for (ImageFilter f : filters()) {
            for (String space : List.of(Space.SEMANTIC, Space.VISUAL)) {
                float[] q = random(r, MODEL.space(space).dimension());
                List<String> exact = records.stream().filter(x -> expected(f).contains(x.id()))
                        .sorted(Comparator.comparingDouble(x -> -Vectors.dot(q, vectors.get(records.indexOf(x)).get(space))))
                        .limit(10).map(ImageRecord::id).toList();
                List<Hit> hits = solr.nearest(new VectorQuery(space, q, 10, f)).hits();
                assertEquals(exact, hits.stream().map(Hit::id).toList(), space + " " + f);
                List<String> embedded = lucene.nearest(new VectorQuery(space, q, 10, f)).hits().stream()
                        .map(Hit::id).toList();
                if (space.equals(Space.SEMANTIC)) {
                    assertEquals(embedded, hits.stream().map(Hit::id).toList(), space + " " + f);
                } else {
                    // the embedded index quantizes the visual space (int7), so near ties may swap or drop out there
                    assertTrue(embedded.stream().filter(exact::contains).count() >= exact.size() - 2, space + " " + f);
                }
                for (Hit h : hits) {
                    assertEquals(Vectors.dot(q, vectors.get(records.indexOf(h.image())).get(space)), h.score(), 1e-4);
                    assertEquals(h.image(), records.get(records.indexOf(h.image())));
                }
            }
        }
    }

    @Test
    void readsRecordsVectorsAndLabelsById() {
        ImageRecord r = records.get(42);
        assertEquals(r, solr.byId(r.id()).orElseThrow());
        assertEquals(r, solr.byPath(r.path()).orElseThrow());
        assertTrue(solr.byPath("/photos/none.jpg").isEmpty());
        assertTrue(solr.byId("0123456789abcdef").isEmpty());
        assertArrayEquals(vectors.get(42).get(Space.SEMANTIC), solr.vector(r.id(), Space.SEMANTIC).orElseThrow(), 0f);
        assertArrayEquals(vectors.get(42).get(Space.VISUAL), solr.vectors(r.id()).orElseThrow().get(Space.VISUAL), 0f);
        List<String> ids = List.of(records.get(5).id(), "0123456789abcdef", records.get(1).id());
        Map<String, ImageVectors> batch = solr.vectors(ids, Set.of(Space.VISUAL));
        assertEquals(List.of(records.get(5).id(), records.get(1).id()), List.copyOf(batch.keySet()));
        assertArrayEquals(vectors.get(1).get(Space.VISUAL), batch.get(records.get(1).id()).get(Space.VISUAL), 0f);
        assertEquals(Map.of("cat", 0.9f, "pet animal", 0.5f), solr.labels(records.get(10).id()));
        assertEquals(List.of("cat", "pet animal"), List.copyOf(solr.labels(records.get(10).id()).keySet()));
        assertEquals(lucene.labels(records.get(15).id()), solr.labels(records.get(15).id()));
        assertEquals(Map.of(), solr.labels(records.get(11).id()));
        assertThrows(IllegalArgumentException.class, () -> solr.setLabels("0123456789abcdef", Map.of("x", 1f)));
        assertEquals("solr", solr.stats().get("backend"));
        assertEquals("2", solr.stats().get("shards"));
        assertEquals("4", solr.stats().get("replicas"));
    }

    @Test
    void upsertsAreIdempotentKeepLabelsOfUnchangedContentAndDeletesRemove() throws Exception {
        ModelInfo model = MODEL;
        try (WritableImageIndex index = new SolrBackend(cluster.target(), "upserts", 2, 1).openForWriting(model, true)) {
            Random r = new Random(5);
            ImageRecord a = record(1);
            ImageRecord b = record(2);
            ImageVectors va = vectors(r, model);
            index.upsert(a, va);
            index.upsert(b, vectors(r, model));
            index.commit();
            index.setLabels(a.id(), Map.of("cat", 0.8f));
            index.setLabels(b.id(), Map.of("cat", 0.8f));
            index.commit();
            // a touched (same hash), b changed (new hash), each written twice
            ImageRecord touched = new ImageRecord(a.id(), a.path(), a.size(), a.mtimeMillis() + 1, a.contentHash(),
                    a.width(), a.height(), a.takenMillis());
            ImageRecord changed = new ImageRecord(b.id(), b.path(), b.size(), b.mtimeMillis() + 1, "new",
                    b.width(), b.height(), b.takenMillis());
            for (int i = 0; i < 2; i++) {
                index.upsert(touched, va);
                index.upsert(changed, vectors(r, model));
            }
            index.commit();
            assertEquals(2, index.count());
            assertEquals(Map.of("cat", 0.8f), index.labels(a.id()));
            assertEquals(Map.of(), index.labels(b.id()));
            assertEquals(touched, index.byId(a.id()).orElseThrow());
            index.delete(a.path());
            index.delete("/photos/never-indexed.jpg");
            index.commit();
            assertEquals(1, index.count());
            assertTrue(index.byPath(a.path()).isEmpty());
        }
    }

    @Test
    void refusesACollectionOfAnotherModelOrDimensionAndAMissingOne() {
        SolrBackend backend = new SolrBackend(cluster.target(), "contract");
        assertEquals(MODEL.fingerprint(), backend.recordedModel().orElseThrow());
        ModelInfo other = new ModelInfo("other-model", "2", MODEL.spaces(), Space.SEMANTIC);
        IndexMismatchException e = assertThrows(IndexMismatchException.class, () -> backend.openForReading(other));
        assertTrue(e.getMessage().contains("'contract'") && e.getMessage().contains("test-model@1")
                && e.getMessage().contains("--rebuild") && e.getMessage().contains("--collection"), e.getMessage());
        assertThrows(IndexMismatchException.class, () -> backend.openForWriting(other, false));
        ModelInfo wider = new ModelInfo("test-model", "1",
                List.of(new Space(Space.SEMANTIC, 16), new Space(Space.VISUAL, 64)), Space.SEMANTIC);
        e = assertThrows(IndexMismatchException.class, () -> backend.openForReading(wider));
        assertTrue(e.getMessage().contains("semantic:8") && e.getMessage().contains("semantic:16"), e.getMessage());

        SolrBackend missing = new SolrBackend(cluster.target(), "no-such-collection");
        assertTrue(missing.recordedModel().isEmpty());
        SolrIndexException m = assertThrows(SolrIndexException.class, () -> missing.openForReading(MODEL));
        assertTrue(m.getMessage().contains("no collection 'no-such-collection'")
                && m.getMessage().contains("loupe index --backend solr"), m.getMessage());
    }

    @Test
    void anUnreachableZooKeeperIsNamedWithWhatToDo() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        SolrTarget nowhere = SolrTarget.zooKeeper("127.0.0.1:" + port + "/solr").withTimeout(java.time.Duration.ofSeconds(2));
        SolrIndexException e = assertThrows(SolrIndexException.class,
                () -> new SolrBackend(nowhere, "photos").openForReading(MODEL));
        assertTrue(e.getMessage().contains("cannot reach ZooKeeper at 127.0.0.1:" + port)
                && e.getMessage().contains("--solr"), e.getMessage());
        SolrTarget noNode = SolrTarget.urls("http://127.0.0.1:" + port + "/solr").withTimeout(java.time.Duration.ofSeconds(2));
        e = assertThrows(SolrIndexException.class, () -> new SolrBackend(noNode, "photos").openForReading(MODEL));
        assertTrue(e.getMessage().contains("cannot reach Solr at http://127.0.0.1:" + port)
                && e.getMessage().contains("--solr-url"), e.getMessage());
    }

    @Test
    void worksThroughANodeUrlAsWellAsZooKeeper() throws Exception {
        SolrTarget byUrl = SolrTarget.urls(cluster.nodeUrls().get(1));
        try (ImageIndex index = new SolrBackend(byUrl, "contract").openForReading(MODEL)) {
            assertEquals(N, index.count());
            assertEquals(records.get(9), index.byId(records.get(9).id()).orElseThrow());
        }
    }

    @Test
    void parsesTargetsAndRefusesBadOnes() {
        SolrTarget t = SolrTarget.zooKeeper("zk1:2181,zk2:2182/solr");
        assertEquals(List.of("zk1:2181", "zk2:2182"), t.zkHosts());
        assertEquals("/solr", t.chroot().orElseThrow());
        assertTrue(SolrTarget.zooKeeper("zk1:2181").chroot().isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SolrTarget.zooKeeper("http://solr:8983/solr"));
        assertTrue(e.getMessage().contains("--solr-url"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SolrTarget.zooKeeper("zk1"));
        assertThrows(IllegalArgumentException.class, () -> SolrTarget.urls("solr:8983"));
        assertThrows(IllegalArgumentException.class, () -> new SolrBackend(t, "bad name"));
        assertFalse(SolrTarget.urls("http://a:8983/solr/,http://b:8983/solr").viaZooKeeper());
    }
}
