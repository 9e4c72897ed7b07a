package dev.loupe.index;

import dev.loupe.core.Hit;
import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageIndex;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.Labels;
import dev.loupe.core.ModelInfo;
import dev.loupe.core.Space;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The embedded default index: one Lucene document per image, one HNSW vector field per space. The model that
 * wrote the vectors is recorded in the commit data and checked on open. A writable index serves near-real-time
 * readers, so queries run while indexing goes on; a read-only index sees the last commit of another process.
 *
 * <p>Labels ({@link #setLabels}) live in updatable numeric doc-values fields, one per label: labelling rewrites no
 * vectors. An {@link #upsert} of a file whose content hash is unchanged carries its labels over; a changed file
 * loses them until it is labelled again.
 */
public final class LuceneImageIndex implements ImageIndex {
    static final String MODEL_KEY = "loupe.model";
    static final String SPACES_KEY = "loupe.spaces";
    /**
     * HNSW beam width. Lucene explores only k candidates when asked for k, so a query for the top 1 can stop in a
     * local optimum and miss the best match (seen with k=1 on 28 photos); search at least this wide, then cut.
     */
    static final int MIN_BEAM = 100;

    private final Path dir;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ModelInfo model;
    /** Every label name in the index or written by this writer: a label update must reset all of them. */
    private final Set<String> knownLabels = ConcurrentHashMap.newKeySet();
    /** The folders of the indexed images, for {@code loupe check --repair}; null when read-only. */
    private final FolderList folders;
    private final StoredVectors vectors;
    /** Set by label updates not yet visible to the searcher, so upsert refreshes before it carries labels over. */
    private volatile boolean labelsPending;

    private LuceneImageIndex(Path dir, Directory directory, IndexWriter writer, SearcherManager searchers,
                             ModelInfo model, FolderList folders) {
        this.dir = dir;
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
        this.model = model;
        this.folders = folders;
        this.vectors = new StoredVectors(dir);
        if (writer != null) {
            knownLabels.addAll(withSearcher(s -> LabelFields.names(s.getIndexReader())));
        }
    }

    /**
     * Opens (creating if needed) an index for writing. With {@code rebuild}, existing content is discarded;
     * otherwise an index written by another model is refused.
     */
    public static LuceneImageIndex openForWriting(Path dir, ModelInfo model, boolean rebuild) {
        if (rebuild) {
            IndexRepair.moveAsideIfDamaged(dir);
        }
        Directory directory = null;
        try {
            Files.createDirectories(dir);
            directory = FSDirectory.open(dir);
            if (!rebuild && DirectoryReader.indexExists(directory)) {
                checkModel(dir, directory, model);
            }
            IndexWriterConfig config = new IndexWriterConfig()
                    .setCodec(codec(model))
                    .setRAMBufferSizeMB(64)
                    .setOpenMode(rebuild ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
            IndexWriter writer = new IndexWriter(directory, config);
            writer.setLiveCommitData(commitData(model).entrySet());
            if (rebuild || writer.getDocStats().numDocs == 0) {
                writer.commit(); // records the model even in an empty index
            }
            return new LuceneImageIndex(dir, directory, writer, new SearcherManager(writer, null), model,
                    FolderList.open(dir, rebuild));
        } catch (org.apache.lucene.store.LockObtainFailedException e) {
            closeQuietly(directory);
            throw new IllegalStateException("the index " + dir + " is being written by another loupe process; "
                    + "wait for it to finish (searches can run meanwhile)", e);
        } catch (IOException e) {
            closeQuietly(directory);
            throw Damage.map(dir, e, "cannot open index");
        } catch (RuntimeException e) {
            closeQuietly(directory);
            throw e;
        }
    }

    private static void closeQuietly(Directory directory) {
        try {
            if (directory != null) {
                directory.close();
            }
        } catch (IOException | RuntimeException e) {
            // already failing
        }
    }

    /** Opens an existing index for queries only; fails clearly when there is none or it belongs to another model. */
    public static LuceneImageIndex openForReading(Path dir, ModelInfo model) {
        try {
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("no index at " + dir + "; build one with 'loupe index PATH...'");
            }
            Directory directory = FSDirectory.open(dir);
            if (!DirectoryReader.indexExists(directory)) {
                throw new IllegalStateException("no index at " + dir + "; build one with 'loupe index PATH...'");
            }
            try {
                checkModel(dir, directory, model);
                return new LuceneImageIndex(dir, directory, null, new SearcherManager(directory, null), model, null);
            } catch (IOException | RuntimeException e) {
                closeQuietly(directory);
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
            return Optional.ofNullable(SegmentInfos.readLatestCommit(directory).getUserData().get(MODEL_KEY));
        } catch (IOException e) {
            if (Damage.isDamage(e) || Damage.of(dir, e).isPresent()) {
                throw Damage.of(dir, e).orElseThrow();
            }
            return Optional.empty();
        }
    }

    private static void checkModel(Path dir, Directory directory, ModelInfo model) throws IOException {
        Map<String, String> data = SegmentInfos.readLatestCommit(directory).getUserData();
        String recorded = data.get(MODEL_KEY);
        String spaces = data.get(SPACES_KEY);
        if (!model.fingerprint().equals(recorded) || !spacesKey(model).equals(spaces)) {
            throw new IndexMismatchException("the index " + dir + " was built with model " + recorded
                    + " but this run uses " + model.fingerprint() + "; vectors of different models cannot be mixed — "
                    + "rebuild it with 'loupe index --rebuild PATH...' or pass another --index DIR");
        }
    }

    static Map<String, String> commitData(ModelInfo model) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(MODEL_KEY, model.fingerprint());
        m.put(SPACES_KEY, spacesKey(model));
        return m;
    }

    private static String spacesKey(ModelInfo model) {
        return model.spaces().stream().map(s -> s.name() + ":" + s.dimension()).sorted()
                .reduce((a, b) -> a + "," + b).orElse("");
    }

    static Codec codec(ModelInfo model) {
        KnnVectorsFormat plain = new LoupeHnswFormat();
        KnnVectorsFormat quantized = new LoupeHnswInt7Format();
        return new Lucene103Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return field.equals(ImageDocuments.vectorField(Space.VISUAL)) ? quantized : plain;
            }
        };
    }

    @Override
    public ModelInfo model() {
        return model;
    }

    private IndexWriter writer() {
        if (writer == null) {
            throw new IllegalStateException("index " + dir + " is open read-only");
        }
        return writer;
    }

    @Override
    public void upsert(ImageRecord image, ImageVectors vectors) {
        for (Space s : model.spaces()) {
            s.check(vectors.get(s.name()));
        }
        try {
            writer().updateDocument(new Term(ImageDocuments.PATH, image.path()),
                    ImageDocuments.toDocument(image, vectors, labelsOfSameContent(image)));
            folders.addImage(image.path());
        } catch (IOException e) {
            throw Damage.map(dir, e, "cannot write to index");
        }
    }

    /** The labels of the indexed document at {@code image.path()} if its content hash equals {@code image}'s. */
    private Map<String, Float> labelsOfSameContent(ImageRecord image) throws IOException {
        if (knownLabels.isEmpty()) {
            return Map.of(); // nothing to carry over; skip the lookup while indexing an unlabelled library
        }
        if (labelsPending) {
            labelsPending = false;
            searchers.maybeRefresh();
        }
        // no refresh per upsert: that would flush a segment per document; an older view is enough because
        // labels are tied to the content hash, which the view's document must match
        IndexSearcher s = searchers.acquire();
        try {
            return LabelFields.ofSameContent(s, image.path(), image.contentHash());
        } finally {
            searchers.release(s);
        }
    }

    @Override
    public void setLabels(String id, Map<String, Float> labelConfidences) {
        Map<String, Float> labels = Labels.checkAll(labelConfidences);
        IndexWriter w = writer();
        try {
            if (!exists(id)) {
                throw new IllegalArgumentException("no image with id " + id + " in index " + dir);
            }
            knownLabels.addAll(labels.keySet());
            List<Field> fields = new ArrayList<>(knownLabels.size());
            for (String label : knownLabels) {
                Float c = labels.get(label);
                // a null value removes the label from the document
                fields.add(new NumericDocValuesField(ImageDocuments.labelField(label),
                        c == null ? null : Long.valueOf(ImageDocuments.encodeConfidence(c))));
            }
            w.updateDocValues(new Term(ImageDocuments.ID, id), fields.toArray(Field[]::new));
            labelsPending = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write labels to index " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Whether the id is indexed; checks the current view first and refreshes only when it is not there. */
    private boolean exists(String id) throws IOException {
        Query q = new TermQuery(new Term(ImageDocuments.ID, id));
        IndexSearcher s = searchers.acquire();
        try {
            if (s.count(q) > 0) {
                return true;
            }
        } finally {
            searchers.release(s);
        }
        return withSearcher(fresh -> fresh.count(q) > 0);
    }

    @Override
    public Map<String, Float> labels(String id) {
        return withSearcher(s -> LabelFields.ofId(s, id));
    }

    @Override
    public void delete(String path) {
        try {
            writer().deleteDocuments(new Term(ImageDocuments.PATH, path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void commit() {
        try {
            writer().setLiveCommitData(commitData(model).entrySet());
            writer().commit();
            folders.writeIfChanged();
            searchers.maybeRefresh();
        } catch (IOException e) {
            throw Damage.map(dir, e, "cannot commit index");
        }
    }

    /** Makes recent writes visible to queries without a commit (near-real-time). */
    public void refresh() {
        try {
            searchers.maybeRefresh();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherWork<T> work) {
        try {
            searchers.maybeRefresh();
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
    public Optional<float[]> vector(String id, String space) {
        String field = ImageDocuments.vectorField(model.space(space).name());
        return withSearcher(s -> {
            TopDocs top = s.search(new TermQuery(new Term(ImageDocuments.ID, id)), 1);
            if (top.scoreDocs.length == 0) {
                return Optional.empty();
            }
            int doc = top.scoreDocs[0].doc;
            for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                if (doc >= leaf.docBase && doc < leaf.docBase + leaf.reader().maxDoc()) {
                    float[] v = vectorOf(leaf.reader(), field, doc - leaf.docBase);
                    String problem = v == null ? null : StoredVectors.problem(v);
                    if (problem != null) { // as if it had none: callers skip it (or encode the file again)
                        vectors.leftOut(ImageDocuments.toRecord(s.storedFields().document(doc)), space, problem);
                        return Optional.<float[]>empty();
                    }
                    return Optional.ofNullable(v);
                }
            }
            return Optional.empty();
        });
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
    public List<Hit> nearest(String space, float[] query, int k) {
        return nearest(space, query, k, ImageFilter.NONE);
    }

    @Override
    public List<Hit> nearest(String space, float[] query, int k, ImageFilter filter) {
        Space sp = model.space(space);
        sp.check(query);
        Query only = LabelFields.query(filter);
        return withSearcher(s -> {
            int beam = Math.max(k, MIN_BEAM);
            TopDocs top = s.search(new KnnFloatVectorQuery(ImageDocuments.vectorField(space), query, beam, only), k);
            StoredFields stored = s.storedFields();
            List<Hit> hits = new ArrayList<>(Math.min(k, top.scoreDocs.length));
            for (ScoreDoc sd : top.scoreDocs) {
                if (hits.size() == k) {
                    break;
                }
                // DOT_PRODUCT scores are (1 + cos) / 2 for unit vectors; report the cosine
                ImageRecord r = ImageDocuments.toRecord(stored.document(sd.doc));
                float cosine = 2 * sd.score - 1;
                if (!(cosine >= -1.001f && cosine <= 1.001f)) {
                    vectors.leftOut(r, space, "it scores " + cosine);
                    continue;
                }
                hits.add(new Hit(r, cosine));
            }
            return hits;
        });
    }

    @Override
    public void forEachRecord(BiConsumer<String, ImageRecord> visitor) {
        withSearcher(s -> {
            for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                LeafReader r = leaf.reader();
                Bits live = r.getLiveDocs();
                StoredFields stored = r.storedFields();
                for (int d = 0; d < r.maxDoc(); d++) {
                    if (live == null || live.get(d)) {
                        ImageRecord rec = ImageDocuments.toRecord(stored.document(d));
                        visitor.accept(rec.path(), rec);
                    }
                }
            }
            return null;
        });
    }

    @Override
    public void forEachVector(String space, BiConsumer<ImageRecord, float[]> visitor) {
        String field = ImageDocuments.vectorField(model.space(space).name());
        withSearcher(s -> {
            for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                LeafReader r = leaf.reader();
                FloatVectorValues values = r.getFloatVectorValues(field);
                if (values == null) {
                    continue;
                }
                Bits live = r.getLiveDocs();
                StoredFields stored = r.storedFields();
                KnnVectorValues.DocIndexIterator it = values.iterator();
                for (int d = it.nextDoc(); d != KnnVectorValues.DocIndexIterator.NO_MORE_DOCS; d = it.nextDoc()) {
                    if (live == null || live.get(d)) {
                        ImageRecord rec = ImageDocuments.toRecord(stored.document(d));
                        float[] v = values.vectorValue(it.index()).clone();
                        String problem = StoredVectors.problem(v);
                        if (problem != null) {
                            vectors.leftOut(rec, space, problem);
                            continue;
                        }
                        visitor.accept(rec, v);
                    }
                }
            }
            return null;
        });
    }

    @Override
    public int count() {
        return withSearcher(s -> s.getIndexReader().numDocs());
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
        m.put("model", model.fingerprint());
        m.put("images", Integer.toString(count()));
        m.put("bytesOnDisk", Long.toString(sizeOnDiskBytes()));
        return m;
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        if (writer != null) {
            writer.close();
        }
        directory.close();
    }
}
