package dev.loupe.index;

import dev.loupe.core.Hit;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageIds;
import dev.loupe.core.ImageIndex;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.ModelInfo;
import dev.loupe.core.Neighbours;
import dev.loupe.core.ScannedImage;
import dev.loupe.core.Space;
import dev.loupe.core.VectorQuery;
import dev.loupe.core.text.ImageText;
import dev.loupe.core.TextHit;
import dev.loupe.core.text.TextQuery;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The embedded default index, read side: one Lucene document per image, one HNSW vector field per space. The model
 * that wrote the vectors is recorded in the commit data and checked on open. Opened read-only
 * ({@link #openForReading}) it sees the last commit of another process; inside a {@link LuceneWritableIndex} it
 * reads the writer's near-real-time view, so queries run while indexing goes on.
 */
public final class LuceneImageIndex implements ImageIndex {
    /** Ids per term-set query of {@link #texts}. */
    static final int TEXT_BATCH = 1024;
    /**
     * HNSW beam width. Lucene explores only k candidates when asked for k, so a query for the top 1 can stop in a
     * local optimum and miss the best match (seen with k=1 on 28 photos); search at least this wide, then cut.
     */
    static final int MIN_BEAM = 100;

    private final Path dir;
    private final SearcherManager searchers;
    private final Refresh refresh;
    private final ModelInfo model;
    private final Closeable resources;
    private final StoredVectors vectors;
    private final VectorReads reads;
    private final LuceneScan scanner;
    private volatile int format;

    /** How the view is brought up to date before a read. */
    @FunctionalInterface
    interface Refresh {
        void run() throws IOException;
    }

    /**
     * @param refresh brings {@code searchers} up to date before each read: a writer's near-real-time refresh, or
     *                for a read-only index a {@link CommitWatch}
     */
    LuceneImageIndex(Path dir, SearcherManager searchers, Refresh refresh, ModelInfo model, int format,
                     Closeable resources) {
        this.dir = dir;
        this.searchers = searchers;
        this.refresh = refresh;
        this.model = model;
        this.format = format;
        this.resources = resources;
        this.vectors = new StoredVectors(dir);
        this.reads = new VectorReads(vectors);
        this.scanner = new LuceneScan(vectors);
    }

    /**
     * Opens (creating if needed) an index for writing. With {@code rebuild}, existing content is discarded;
     * otherwise an index written by another model is refused.
     */
    public static LuceneWritableIndex openForWriting(Path dir, ModelInfo model, boolean rebuild) {
        return LuceneWritableIndex.open(dir, model, rebuild);
    }

    /**
     * Opens an existing index for queries only; fails clearly when there is none, it belongs to another model or it
     * is damaged ({@link IndexDamagedException}).
     */
    public static LuceneImageIndex openForReading(Path dir, ModelInfo model) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no index at " + dir + "; build one with 'loupe index PATH...'");
        }
        try {
            return openForReading(dir, FSDirectory.open(dir), model);
        } catch (IOException e) {
            throw Damage.map(dir, e, "cannot open index");
        }
    }

    /** {@link #openForReading(Path, ModelInfo)} on an open {@code directory} of {@code dir}, which it then owns. */
    static LuceneImageIndex openForReading(Path dir, Directory directory, ModelInfo model) {
        try {
            try {
                if (!DirectoryReader.indexExists(directory)) {
                    throw new IllegalStateException("no index at " + dir + "; build one with 'loupe index PATH...'");
                }
                Map<String, String> data = IndexCommitData.check(dir, directory, model);
                SearcherManager searchers = new SearcherManager(directory, null);
                CommitWatch watch = new CommitWatch(directory, searchers);
                return new LuceneImageIndex(dir, searchers, watch::refreshIfCommitted, model,
                        IndexCommitData.format(data), () -> {
                            searchers.close();
                            directory.close();
                        });
            } catch (IOException | RuntimeException e) {
                directory.close();
                throw e;
            }
        } catch (IOException e) {
            throw Damage.map(dir, e, "cannot open index");
        }
    }

    /**
     * The model fingerprint recorded in the index at {@code dir}, if there is an index.
     *
     * @throws IndexDamagedException when there is an index but its commit cannot be read
     */
    public static Optional<String> recordedModel(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Directory directory = FSDirectory.open(dir)) {
            if (!DirectoryReader.indexExists(directory)) {
                return Optional.empty();
            }
            return Optional.ofNullable(SegmentInfos.readLatestCommit(directory).getUserData().get(IndexCommitData.MODEL_KEY));
        } catch (IOException e) {
            Optional<IndexDamagedException> damage = Damage.of(dir, e);
            if (damage.isPresent()) {
                throw damage.get();
            }
            return Optional.empty();
        }
    }

    Path dir() {
        return dir;
    }

    void formatUpgraded(int newFormat) {
        this.format = newFormat;
    }

    @Override
    public ModelInfo model() {
        return model;
    }

    interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    <T> T withSearcher(SearcherWork<T> work) {
        try {
            refresh.run();
            IndexSearcher s = searchers.acquire();
            try {
                return work.apply(s);
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw Damage.map(dir, e, "cannot read index");
        }
    }

    @Override
    public Optional<ImageRecord> byId(String id) {
        return findOne(ImageDocuments.ID, id);
    }

    @Override
    public Optional<ImageRecord> byPath(String path) {
        return findOne(ImageDocuments.PATH, path);
    }

    private Optional<ImageRecord> findOne(String field, String value) {
        return withSearcher(s -> {
            TopDocs top = s.search(new TermQuery(new Term(field, value)), 1);
            if (top.scoreDocs.length == 0) {
                return Optional.empty();
            }
            return Optional.of(ImageDocuments.toRecord(s.storedFields().document(top.scoreDocs[0].doc)));
        });
    }

    @Override
    public Optional<ImageVectors> vectors(String id) {
        List<String> spaces = model.spaces().stream().map(Space::name).toList();
        return Optional.ofNullable(readVectors(List.of(id), spaces, true).get(id));
    }

    @Override
    public Optional<float[]> vector(String id, String space) {
        return Optional.ofNullable(readVectors(List.of(id), List.of(model.space(space).name()), false).get(id))
                .map(v -> v.get(space));
    }

    /** The vectors of several images in one pass per segment ({@link VectorReads}), on one view. */
    @Override
    public Map<String, ImageVectors> vectors(Collection<String> ids, Set<String> spaces) {
        return readVectors(ids, spaces.stream().map(sp -> model.space(sp).name()).toList(), false);
    }

    /**
     * The vectors of these images in these spaces, with the labels their model read off them if
     * {@code modelLabels}; an image is left out unless it has all of them.
     */
    private Map<String, ImageVectors> readVectors(Collection<String> ids, List<String> spaces, boolean modelLabels) {
        List<String> fields = spaces.stream().map(ImageDocuments::vectorField).toList();
        return withSearcher(s -> reads.read(s, ids, spaces, fields, modelLabels));
    }

    private static float[] vectorOf(LeafReader reader, String field, int doc) throws IOException {
        FloatVectorValues values = reader.getFloatVectorValues(field);
        if (values == null) {
            return null;
        }
        KnnVectorValues.DocIndexIterator it = values.iterator();
        return it.advance(doc) == doc ? values.vectorValue(it.index()).clone() : null;
    }

    @Override
    public Neighbours nearest(VectorQuery q) {
        Space sp = model.space(q.space());
        sp.check(q.vector());
        Query only = filterQuery(q.filter());
        int k = q.k();
        return withSearcher(s -> {
            CountingKnnQuery knn = new CountingKnnQuery(ImageDocuments.vectorField(sp.name()), q.vector(),
                    Math.max(k, MIN_BEAM), only);
            TopDocs top = s.search(knn, k);
            StoredFields stored = s.storedFields();
            List<Hit> hits = new ArrayList<>(Math.min(k, top.scoreDocs.length));
            for (ScoreDoc sd : top.scoreDocs) {
                if (hits.size() == k) {
                    break;
                }
                // DOT_PRODUCT scores are (1 + cos) / 2 for unit vectors; report the cosine
                ImageRecord r = ImageDocuments.toRecord(stored.document(sd.doc));
                float cosine = 2 * sd.score - 1;
                // a damaged stored vector (NaN, huge); int7 quantisation alone puts near-identical images a little
                // above 1 (measured up to 1.0015 on Fashion-MNIST), which is no damage: those are clamped to 1
                if (!(cosine >= -1 - StoredVectors.UNIT_TOLERANCE && cosine <= 1 + StoredVectors.UNIT_TOLERANCE)) {
                    vectors.leftOut(r, sp.name(), "it scores " + cosine);
                    continue;
                }
                hits.add(new Hit(r, Math.max(-1f, Math.min(1f, cosine))));
            }
            return new Neighbours(hits, knn.visited());
        });
    }

    /** The filter as a Lucene query (null: everything), refusing filters that an older index cannot answer. */
    Query filterQuery(ImageFilter filter) {
        if (format < 2 && FilterQueries.needsFormat2(filter)) {
            throw new IllegalStateException("the index " + dir + " was written by an older Loupe and cannot filter by "
                    + "date or size yet; run 'loupe index PATH...' once to upgrade it (no image is embedded again)");
        }
        return FilterQueries.of(filter);
    }

    @Override
    public void forEach(ImageFilter filter, Set<String> spaces, BiConsumer<ImageRecord, ImageVectors> visitor) {
        List<String> names = List.copyOf(spaces);
        ImageVectors none = new ImageVectors(Map.of());
        scan(filter, spaces, image -> {
            if (names.isEmpty()) {
                visitor.accept(image.record(), none);
                return;
            }
            Map<String, float[]> vs = new HashMap<>();
            for (String name : names) {
                vs.put(name, image.vector(name).clone());
            }
            visitor.accept(image.record(), new ImageVectors(vs));
        });
    }

    /** The images that pass the filter segment by segment, vectors in place, records on demand ({@link LuceneScan}). */
    @Override
    public void scan(ImageFilter filter, Set<String> spaces, Consumer<ScannedImage> visitor) {
        List<String> names = List.copyOf(spaces);
        List<String> fields = names.stream().map(sp -> ImageDocuments.vectorField(model.space(sp).name())).toList();
        Query only = filterQuery(filter);
        withSearcher(s -> {
            scanner.scan(s, only, names, fields, visitor);
            return null;
        });
    }

    @Override
    public List<TextHit> searchText(TextQuery query, int k, ImageFilter filter) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (query.isEmpty()) {
            return List.of();
        }
        if (format < 3) {
            throw new IllegalStateException("the index " + dir + " was written by an older Loupe and has no text "
                    + "fields yet; run 'loupe index PATH...' once to upgrade it (no image is embedded again)");
        }
        Query only = filterQuery(filter);
        return withSearcher(s -> TextSearch.search(s, query, k, only));
    }

    /** The stored words of several images: one term-set query per {@link #TEXT_BATCH} ids, on one view. */
    @Override
    public Map<String, ImageText> texts(Collection<String> ids) {
        List<String> all = List.copyOf(ids);
        Map<String, ImageText> found = withSearcher(s -> {
            Map<String, ImageText> m = new HashMap<>();
            StoredFields fields = s.storedFields();
            for (int from = 0; from < all.size(); from += TEXT_BATCH) {
                List<BytesRef> terms = all.subList(from, Math.min(all.size(), from + TEXT_BATCH)).stream()
                        .map(BytesRef::new).toList();
                for (ScoreDoc hit : s.search(new TermInSetQuery(ImageDocuments.ID, terms), terms.size()).scoreDocs) {
                    var d = fields.document(hit.doc);
                    m.put(d.get(ImageDocuments.ID), ImageDocuments.toText(d));
                }
            }
            return m;
        });
        return ImageIds.inOrder(all, found);
    }

    /** What one document holds, read from one searcher's view. */
    record Stored(ImageRecord record, ImageVectors vectors, Map<String, Float> labels, ImageText text) {
    }

    /** The document with this id in {@code s}'s view: record, vectors of every space, labels and words. */
    Optional<Stored> stored(IndexSearcher s, String id) throws IOException {
        TopDocs top = s.search(new TermQuery(new Term(ImageDocuments.ID, id)), 1);
        if (top.scoreDocs.length == 0) {
            return Optional.empty();
        }
        int doc = top.scoreDocs[0].doc;
        List<LeafReaderContext> leaves = s.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        Map<String, float[]> vectors = new HashMap<>();
        for (Space space : model.spaces()) {
            float[] v = vectorOf(leaf.reader(), ImageDocuments.vectorField(space.name()), doc - leaf.docBase);
            if (v != null) {
                vectors.put(space.name(), v);
            }
        }
        var d = s.storedFields().document(doc);
        return Optional.of(new Stored(ImageDocuments.toRecord(d),
                new ImageVectors(vectors, LabelFields.readModel(leaf.reader(), doc - leaf.docBase)),
                LabelFields.read(leaf.reader(), doc - leaf.docBase), ImageDocuments.toText(d)));
    }

    /** Runs {@code work} on the current view without refreshing it first (a writer's bulk updates). */
    <T> T withCurrentSearcher(SearcherWork<T> work) {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                return work.apply(s);
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read index " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int count() {
        return withSearcher(s -> s.getIndexReader().numDocs());
    }

    @Override
    public int count(ImageFilter filter) {
        Query only = filterQuery(filter);
        return withSearcher(s -> only == null ? s.getIndexReader().numDocs() : s.count(only));
    }

    @Override
    public Map<String, Float> labels(String id) {
        return withSearcher(s -> LabelFields.ofId(s, id));
    }

    @Override
    public Map<String, Map<String, Float>> modelLabels(Collection<String> ids, Set<String> names) {
        return withSearcher(s -> LabelFields.model(s, ids, names));
    }

    @Override
    public long sizeOnDiskBytes() {
        try (var files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public Map<String, String> stats() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("index", dir.toString());
        m.put("backend", "lucene");
        m.put("model", model.fingerprint());
        m.put("format", Integer.toString(format));
        m.put("images", Integer.toString(count()));
        m.put("bytesOnDisk", Long.toString(sizeOnDiskBytes()));
        return m;
    }

    @Override
    public void close() throws IOException {
        resources.close();
    }
}
