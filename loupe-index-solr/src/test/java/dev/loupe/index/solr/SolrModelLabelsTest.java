package dev.loupe.index.solr;

import dev.loupe.core.Hit;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageIndex;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.Space;
import dev.loupe.core.TextHit;
import dev.loupe.core.VectorQuery;
import dev.loupe.core.WritableImageIndex;
import dev.loupe.core.text.ImageText;
import dev.loupe.core.text.TextQuery;
import dev.loupe.index.LuceneBackend;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The labels a model reads off an image ({@link ImageVectors#labels()}) on SolrCloud, side by side with the embedded
 * index: filters agree with {@link ImageFilter#test} on the image's own labels and its model's (a model label counts
 * from {@link ImageFilter#modelLabelFloor()} up, an own label from the least confidence up) in counts, scans, kNN
 * and text search; the probabilities are read back as stored; they survive a rewrite of the words or the labels and
 * are replaced by an upsert; a collection of configset format 2 is upgraded in place.
 */
class SolrModelLabelsTest {
    private static final int N = 80;
    private static final List<String> NAMES = List.of("animal", "tabby cat", "chien/dög");

    @TempDir
    static Path luceneDir;
    private static SolrTestCluster cluster;
    private static WritableImageIndex solr;
    private static WritableImageIndex lucene;
    private static final List<ImageRecord> records = new ArrayList<>();
    private static final List<ImageVectors> vectors = new ArrayList<>();
    private static final Map<String, Map<String, Float>> own = new HashMap<>();

    /**
     * Image i's model labels: none for every fifth, else "animal" at a probability between 0.05 and 1 and, for some,
     * "tabby cat" and "chien/dög" below it. Image 1 has only "animal" at 0.1 (below the model's threshold).
     */
    private static Map<String, Float> modelLabels(int i, Random r) {
        if (i == 1) {
            return Map.of("animal", 0.1f);
        }
        if (i % 5 == 0) {
            return Map.of();
        }
        Map<String, Float> m = new LinkedHashMap<>();
        float animal = 0.05f + 0.95f * r.nextFloat();
        m.put("animal", animal);
        if (r.nextBoolean()) {
            m.put("tabby cat", 0.05f + (animal - 0.05f) * r.nextFloat());
        }
        if (i % 3 == 0) {
            m.put("chien/dög", 0.05f + (animal - 0.05f) * r.nextFloat());
        }
        return m;
    }

    /** Image i's own labels (as {@code loupe classify} sets them); image 2 has "animal" at 0.2. */
    private static Map<String, Float> ownLabels(int i) {
        return i == 2 || i % 7 == 0 ? Map.of("animal", 0.2f) : i % 7 == 3 ? Map.of("tabby cat", 0.9f, "holiday", 1f)
                : Map.of();
    }

    @BeforeAll
    static void fill() throws Exception {
        cluster = SolrTestCluster.shared();
        solr = new SolrBackend(cluster.target(), "modellabels", 2, 1).openForWriting(SolrImageIndexTest.MODEL, true);
        lucene = new LuceneBackend(luceneDir).openForWriting(SolrImageIndexTest.MODEL, true);
        Random r = new Random(20);
        for (int i = 0; i < N; i++) {
            ImageRecord rec = SolrImageIndexTest.record(i);
            ImageVectors v = SolrImageIndexTest.vectors(r, SolrImageIndexTest.MODEL).withLabels(modelLabels(i, r));
            records.add(rec);
            vectors.add(v);
            ImageText words = ImageText.read("photo " + i, "", "");
            solr.upsert(rec, v, words);
            lucene.upsert(rec, v, words);
        }
        solr.commit();
        lucene.commit();
        for (int i = 0; i < N; i++) {
            if (!ownLabels(i).isEmpty()) {
                own.put(records.get(i).id(), ownLabels(i));
                solr.setLabels(records.get(i).id(), ownLabels(i));
                lucene.setLabels(records.get(i).id(), ownLabels(i));
            }
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
        return List.of(ImageFilter.withLabel("animal"),
                ImageFilter.withLabel("animal").withMinModelConfidence(0.4f),
                ImageFilter.NONE.withLabels(List.of("animal"), 0.1f).withMinModelConfidence(0.4f),
                ImageFilter.NONE.withLabels(List.of("animal"), 0.6f).withMinModelConfidence(0.4f),
                ImageFilter.NONE.withLabels(List.of("tabby cat", "chien/dög"), 0.3f).withMinModelConfidence(0.4f),
                ImageFilter.withLabel("holiday").withMinModelConfidence(0.4f),
                ImageFilter.withLabel("chien/dög").withMinModelConfidence(0.4f).inFolder("/photos/a"),
                ImageFilter.withLabel("nobody").withMinModelConfidence(0.4f));
    }

    private static Set<String> expected(ImageFilter f) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < N; i++) {
            ImageRecord r = records.get(i);
            if (f.test(r, own.getOrDefault(r.id(), Map.of()), vectors.get(i).labels())) {
                ids.add(r.id());
            }
        }
        return ids;
    }

    @Test
    void filtersMatchOwnAndModelLabelsAsTheReferenceAndTheEmbeddedIndexDo() {
        Random r = new Random(4);
        for (ImageFilter f : filters()) {
            Set<String> want = expected(f);
            assertEquals(want.size(), solr.count(f), f.toString());
            assertEquals(lucene.count(f), solr.count(f), f.toString());
            Set<String> scanned = new HashSet<>();
            solr.forEach(f, Set.of(), (rec, v) -> scanned.add(rec.id()));
            assertEquals(want, scanned, f.toString());
            float[] q = SolrImageIndexTest.random(r, SolrImageIndexTest.MODEL.space(Space.SEMANTIC).dimension());
            List<String> knn = solr.nearest(new VectorQuery(Space.SEMANTIC, q, N, f)).hits().stream().map(Hit::id)
                    .toList();
            assertEquals(want, Set.copyOf(knn), f.toString());
            assertEquals(lucene.nearest(new VectorQuery(Space.SEMANTIC, q, N, f)).hits().stream().map(Hit::id)
                    .toList(), knn, f.toString());
            Set<String> byWords = solr.searchText(TextQuery.parse("photo"), N, f).stream().map(TextHit::id)
                    .collect(Collectors.toSet());
            assertEquals(want, byWords, f.toString());
        }
        // the cases the filters above must contain: the floor is the model's, not the user's
        ImageFilter animals = ImageFilter.NONE.withLabels(List.of("animal"), 0.1f).withMinModelConfidence(0.4f);
        assertTrue(expected(ImageFilter.withLabel("animal")).contains(records.get(1).id()));
        assertTrue(!expected(animals).contains(records.get(1).id()), "a model label at 0.1 is evidence, not a label");
        assertTrue(expected(animals).contains(records.get(2).id()), "the user's own label at 0.2 passes");
        assertTrue(expected(animals).size() > 10 && expected(animals).size() < N - 10, "" + expected(animals).size());
    }

    @Test
    void modelLabelsAreReadBackInOneBatchAndWithTheVectorsOfOneImage() {
        List<String> ids = new ArrayList<>();
        for (int i = N - 1; i >= 0; i -= 3) {
            ids.add(records.get(i).id());
        }
        ids.add("0123456789abcdef"); // not indexed
        Set<String> names = Set.of("animal", "chien/dög", "vehicle");
        Map<String, Map<String, Float>> want = new LinkedHashMap<>();
        for (String id : ids) {
            int i = records.stream().map(ImageRecord::id).toList().indexOf(id);
            if (i >= 0) {
                Map<String, Float> m = new HashMap<>(vectors.get(i).labels());
                m.keySet().retainAll(names);
                if (!m.isEmpty()) {
                    want.put(id, m);
                }
            }
        }
        assertTrue(want.size() > 10 && want.size() < ids.size() - 1, "some images have none: " + want.size());
        Map<String, Map<String, Float>> got = solr.modelLabels(ids, names);
        assertEquals(want, got);
        assertEquals(List.copyOf(want.keySet()), List.copyOf(got.keySet()), "in the order of the ids");
        assertEquals(lucene.modelLabels(ids, names), got);
        assertEquals(Map.of(), solr.modelLabels(ids, Set.of("vehicle")));
        assertEquals(Map.of(), solr.modelLabels(List.of(), names));
        for (int i : new int[] {1, 3, 5}) {
            String id = records.get(i).id();
            ImageVectors v = solr.vectors(id).orElseThrow();
            assertEquals(vectors.get(i).labels(), v.labels());
            assertEquals(lucene.vectors(id).orElseThrow().labels(), v.labels());
            assertArrayEquals(vectors.get(i).get(Space.VISUAL), v.get(Space.VISUAL), 0f);
            // a batch of vectors carries none, as on the embedded index
            assertEquals(Map.of(), solr.vectors(List.of(id), Set.of(Space.SEMANTIC)).get(id).labels());
        }
    }

    @Test
    void theModelsLabelsSurviveRewritesOfWordsAndLabelsAndAreReplacedByAnUpsert() throws Exception {
        try (WritableImageIndex index = new SolrBackend(cluster.target(), "modellabels-rewrite", 1, 1)
                .openForWriting(SolrImageIndexTest.MODEL, true)) {
            Random r = new Random(6);
            ImageRecord a = SolrImageIndexTest.record(1);
            ImageVectors va = SolrImageIndexTest.vectors(r, SolrImageIndexTest.MODEL)
                    .withLabels(Map.of("animal", 0.9f, "tabby cat", 0.8f));
            index.upsert(a, va, ImageText.read("a cat", "", ""));
            index.commit();
            ImageFilter cats = ImageFilter.withLabel("tabby cat").withMinModelConfidence(0.4f);
            assertEquals(1, index.count(cats));

            index.setText(a.id(), ImageText.read("grey kitten", "", ""));
            index.setLabels(a.id(), Map.of("holiday", 1f));
            index.commit();
            assertEquals(Map.of("animal", 0.9f, "tabby cat", 0.8f), index.vectors(a.id()).orElseThrow().labels());
            assertEquals(Map.of(a.id(), Map.of("tabby cat", 0.8f)), index.modelLabels(List.of(a.id()),
                    Set.of("tabby cat")));
            assertEquals(Map.of("holiday", 1f), index.labels(a.id()));
            assertEquals(1, index.count(cats));
            assertEquals(1, index.searchText(TextQuery.parse("kitten"), 5, cats).size());

            index.setLabels(a.id(), Map.of());
            index.commit();
            assertEquals(1, index.count(cats), "removing the user's labels leaves the model's");

            // the same content again (a touched file) with what the model reads now: its labels replace the old
            index.setLabels(a.id(), Map.of("holiday", 1f));
            index.upsert(a, va.withLabels(Map.of("animal", 0.7f)), ImageText.read("a cat", "", ""));
            index.commit();
            assertEquals(Map.of("animal", 0.7f), index.vectors(a.id()).orElseThrow().labels());
            assertEquals(Map.of(), index.modelLabels(List.of(a.id()), Set.of("tabby cat")));
            assertEquals(0, index.count(cats));
            assertEquals(Map.of("holiday", 1f), index.labels(a.id()), "unchanged content keeps the user's labels");

            // changed content: the user's labels go, the model's are the new encoding's
            ImageRecord changed = new ImageRecord(a.id(), a.path(), a.size(), a.mtimeMillis() + 1, "new", a.width(),
                    a.height(), a.takenMillis());
            index.upsert(changed, va.withLabels(Map.of()), ImageText.read("a cat", "", ""));
            index.commit();
            assertEquals(Map.of(), index.labels(a.id()));
            assertEquals(Map.of(), index.vectors(a.id()).orElseThrow().labels());
            assertEquals(0, index.count(ImageFilter.withLabel("animal")));
        }
    }

    /**
     * A collection of configset format 2 (no model labels): a reader filters by the images' own labels and reads no
     * model labels; a writer upgrades it in place, keeping the documents, and writes model labels from then on.
     */
    @Test
    void aCollectionOfFormatTwoIsUpgradedInPlaceByAWriter() throws Exception {
        String name = "format2";
        SolrBackend backend = new SolrBackend(cluster.target(), name);
        backend.drop();
        Random r = new Random(8);
        ImageRecord old = SolrImageIndexTest.record(10);
        ImageVectors vOld = SolrImageIndexTest.vectors(r, SolrImageIndexTest.MODEL);
        ImageFilter animals = ImageFilter.withLabel("animal").withMinModelConfidence(0.4f);
        try (CloudSolrClient admin = cluster.target().client()) {
            OlderConfigsets.create(admin, name, SolrImageIndexTest.MODEL, 2);
            new UpdateRequest().add(SolrDocuments.toDocument(old, vOld, Map.of("animal", 0.2f),
                    ImageText.read("old photo", "", ""))).process(admin, name);
            admin.commit(name);
            assertEquals(2, new SolrCollection(admin, cluster.target(), name).check(SolrImageIndexTest.MODEL));
        }
        try (ImageIndex reader = backend.openForReading(SolrImageIndexTest.MODEL)) {
            assertEquals(1, reader.count(animals));
            assertEquals(1, reader.nearest(new VectorQuery(Space.SEMANTIC, vOld.get(Space.SEMANTIC), 5, animals))
                    .hits().size());
            assertEquals(1, reader.searchText(TextQuery.parse("photo"), 5, animals).size());
            assertEquals(Map.of(), reader.modelLabels(List.of(old.id()), Set.of("animal")));
            assertEquals(Map.of(), reader.vectors(old.id()).orElseThrow().labels());
        }
        ImageRecord fresh = SolrImageIndexTest.record(11);
        try (WritableImageIndex writer = backend.openForWriting(SolrImageIndexTest.MODEL, false)) {
            writer.upsert(fresh, SolrImageIndexTest.vectors(r, SolrImageIndexTest.MODEL)
                    .withLabels(Map.of("animal", 0.9f)), ImageText.read("new photo", "", ""));
            writer.commit();
            assertEquals(2, writer.count());
            assertEquals(2, writer.count(animals));
            assertEquals(Map.of("animal", 0.2f), writer.labels(old.id()));
            assertArrayEquals(vOld.get(Space.VISUAL), writer.vector(old.id(), Space.VISUAL).orElseThrow(), 0f);
        }
        try (ImageIndex reader = backend.openForReading(SolrImageIndexTest.MODEL);
             CloudSolrClient admin = cluster.target().client()) {
            assertEquals(SolrConfigset.FORMAT, new SolrCollection(admin, cluster.target(), name)
                    .check(SolrImageIndexTest.MODEL));
            assertEquals(Map.of(fresh.id(), Map.of("animal", 0.9f)),
                    reader.modelLabels(List.of(old.id(), fresh.id()), Set.of("animal")));
            assertEquals(1, reader.count(ImageFilter.NONE.withLabels(List.of("animal"), 0.5f)
                    .withMinModelConfidence(0.4f)), "the new image by its model label only");
            assertEquals(2, reader.searchText(TextQuery.parse("photo"), 5, animals).size());
        } finally {
            backend.drop();
        }
    }
}
