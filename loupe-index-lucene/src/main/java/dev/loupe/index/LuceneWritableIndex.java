package dev.loupe.index;

import dev.loupe.core.ImageFilter;
import dev.loupe.core.ImageRecord;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.Labels;
import dev.loupe.core.ModelInfo;
import dev.loupe.core.ScannedImage;
import dev.loupe.core.Neighbours;
import dev.loupe.core.Space;
import dev.loupe.core.VectorQuery;
import dev.loupe.core.WritableImageIndex;
import dev.loupe.core.text.ImageText;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The embedded index opened for writing: an {@link IndexWriter} plus a {@link LuceneImageIndex} over its
 * near-real-time view, which answers every read.
 *
 * <p>Labels ({@link #setLabels}) live in updatable numeric doc-values fields, one per label: labelling rewrites no
 * vectors. An {@link #upsert} of a file whose content hash is unchanged carries its labels over; a changed file
 * loses them until it is labelled again.
 */
public final class LuceneWritableIndex implements WritableImageIndex {
    private final LuceneImageIndex reads;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ModelInfo model;
    /** The folders of the indexed images, for {@code loupe check --repair}. */
    private final FolderList folders;
    /** Every label name in the index or written by this writer: a label update must reset all of them. */
    private final Set<String> knownLabels = ConcurrentHashMap.newKeySet();
    /** Set by label updates not yet visible to the searcher, so upsert refreshes before it carries labels over. */
    private volatile boolean labelsPending;

    private LuceneWritableIndex(Path dir, Directory directory, IndexWriter writer, ModelInfo model, int format,
                                FolderList folders) throws IOException {
        this.writer = writer;
        this.model = model;
        this.folders = folders;
        this.searchers = new SearcherManager(writer, null);
        // blocking refreshes throughout: a non-blocking one returns at once while another thread (a server's status
        // request) is refreshing, so the writing thread could read a view that misses its own last writes
        this.reads = new LuceneImageIndex(dir, searchers, searchers::maybeRefreshBlocking, model, format, () -> {
            searchers.close();
            writer.close();
            directory.close();
        });
        knownLabels.addAll(reads.withSearcher(s -> LabelFields.names(s.getIndexReader())));
    }

    static LuceneWritableIndex open(Path dir, ModelInfo model, boolean rebuild) {
        if (rebuild) {
            IndexRepair.moveAsideIfDamaged(dir); // never overwrite a damaged index: it may be the only copy
        }
        Directory directory = null;
        try {
            Files.createDirectories(dir);
            directory = FSDirectory.open(dir);
            int format = IndexCommitData.FORMAT;
            if (!rebuild && DirectoryReader.indexExists(directory)) {
                format = IndexCommitData.format(IndexCommitData.check(dir, directory, model));
            }
            IndexWriterConfig config = new IndexWriterConfig(ImageDocuments.analyzer())
                    .setCodec(codec())
                    .setRAMBufferSizeMB(64)
                    .setOpenMode(rebuild ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
            IndexWriter writer = new IndexWriter(directory, config);
            LuceneWritableIndex index = new LuceneWritableIndex(dir, directory, writer, model, format,
                    FolderList.open(dir, rebuild));
            if (format < IndexCommitData.FORMAT) {
                index.upgradeFormat();
            }
            writer.setLiveCommitData(IndexCommitData.of(model).entrySet());
            if (rebuild || writer.getDocStats().numDocs == 0) {
                writer.commit(); // records the model even in an empty index
            }
            return index;
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

    /**
     * Rewrites every document of an older format from its stored record, vectors and labels (no image is decoded
     * or embedded again), then commits: one pass, after which every filter can be pushed into the search. The
     * documents' words are marked unread ({@link ImageText#UNREAD}): the next index run reads the names and metadata
     * of each file again, and the OCR pass finds them pending.
     */
    private void upgradeFormat() throws IOException {
        List<ImageRecord> records = new ArrayList<>();
        List<ImageVectors> vectors = new ArrayList<>();
        Set<String> spaces = Set.copyOf(model.spaces().stream().map(Space::name).toList());
        reads.forEach(ImageFilter.NONE, spaces, (r, v) -> {
            records.add(r);
            vectors.add(v);
        });
        for (int i = 0; i < records.size(); i++) {
            ImageRecord r = records.get(i);
            writer.updateDocument(new Term(ImageDocuments.PATH, r.path()),
                    ImageDocuments.toDocument(r, vectors.get(i), reads.labels(r.id()), ImageText.UNREAD));
        }
        writer.setLiveCommitData(IndexCommitData.of(model).entrySet());
        writer.commit();
        searchers.maybeRefreshBlocking();
        reads.formatUpgraded(IndexCommitData.FORMAT);
    }

    static Codec codec() {
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
    public void upsert(ImageRecord image, ImageVectors vectors, ImageText text) {
        for (Space s : model.spaces()) {
            s.check(vectors.get(s.name()));
        }
        try {
            writer.updateDocument(new Term(ImageDocuments.PATH, image.path()),
                    ImageDocuments.toDocument(image, vectors, labelsOfSameContent(image), text));
            folders.addImage(image.path());
        } catch (IOException e) {
            throw Damage.map(reads.dir(), e, "cannot write to index");
        } catch (AlreadyClosedException e) {
            throw Damage.closed(reads.dir(), e);
        }
    }

    /**
     * Rewrites the document with its stored record, vectors and labels and the new words (Lucene cannot change an
     * indexed text field in place; the vectors are re-inserted, which costs little next to reading the text).
     */
    @Override
    public void setText(String id, ImageText text) {
        java.util.Objects.requireNonNull(text, "text");
        try {
            if (labelsPending) {
                labelsPending = false;
                searchers.maybeRefreshBlocking();
            }
            var stored = reads.withCurrentSearcher(s -> reads.stored(s, id));
            if (stored.isEmpty()) {
                stored = reads.withSearcher(s -> reads.stored(s, id));
            }
            LuceneImageIndex.Stored d = stored.orElseThrow(() -> new IllegalArgumentException("no image with id " + id
                    + " in index " + reads.dir()));
            writer.updateDocument(new Term(ImageDocuments.PATH, d.record().path()),
                    ImageDocuments.toDocument(d.record(), d.vectors(), d.labels(), text));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to index " + reads.dir() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public java.util.List<dev.loupe.core.TextHit> searchText(dev.loupe.core.text.TextQuery query, int k,
                                                                 ImageFilter filter) {
        return reads.searchText(query, k, filter);
    }

    @Override
    public Map<String, ImageText> texts(java.util.Collection<String> ids) {
        return reads.texts(ids);
    }

    /** The labels of the indexed document at {@code image.path()} if its content hash equals {@code image}'s. */
    private Map<String, Float> labelsOfSameContent(ImageRecord image) throws IOException {
        if (knownLabels.isEmpty()) {
            return Map.of(); // nothing to carry over; skip the lookup while indexing an unlabelled library
        }
        if (labelsPending) {
            labelsPending = false;
            searchers.maybeRefreshBlocking();
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
        try {
            if (!exists(id)) {
                throw new IllegalArgumentException("no image with id " + id + " in index " + reads.dir());
            }
            knownLabels.addAll(labels.keySet());
            List<Field> fields = new ArrayList<>(knownLabels.size());
            for (String label : knownLabels) {
                Float c = labels.get(label);
                // a null value removes the label from the document
                fields.add(new NumericDocValuesField(ImageDocuments.labelField(label),
                        c == null ? null : Long.valueOf(ImageDocuments.encodeConfidence(c))));
            }
            writer.updateDocValues(new Term(ImageDocuments.ID, id), fields.toArray(Field[]::new));
            labelsPending = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write labels to index " + reads.dir() + ": " + e.getMessage(), e);
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
        return reads.withSearcher(fresh -> fresh.count(q) > 0);
    }

    @Override
    public void delete(String path) {
        try {
            writer.deleteDocuments(new Term(ImageDocuments.PATH, path));
        } catch (IOException e) {
            throw Damage.map(reads.dir(), e, "cannot write to index");
        } catch (AlreadyClosedException e) {
            throw Damage.closed(reads.dir(), e);
        }
    }

    @Override
    public void commit() {
        try {
            writer.setLiveCommitData(IndexCommitData.of(model).entrySet());
            writer.commit();
            folders.writeIfChanged();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw Damage.map(reads.dir(), e, "cannot commit index");
        } catch (AlreadyClosedException e) {
            throw Damage.closed(reads.dir(), e);
        }
    }

    /** Makes recent writes visible to queries without a commit (near-real-time). */
    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ModelInfo model() {
        return model;
    }

    @Override
    public Optional<ImageRecord> byId(String id) {
        return reads.byId(id);
    }

    @Override
    public Optional<ImageRecord> byPath(String path) {
        return reads.byPath(path);
    }

    @Override
    public Optional<ImageVectors> vectors(String id) {
        return reads.vectors(id);
    }

    @Override
    public Optional<float[]> vector(String id, String space) {
        return reads.vector(id, space);
    }

    @Override
    public Neighbours nearest(VectorQuery query) {
        return reads.nearest(query);
    }

    @Override
    public void forEach(ImageFilter filter, Set<String> spaces, BiConsumer<ImageRecord, ImageVectors> visitor) {
        reads.forEach(filter, spaces, visitor);
    }

    @Override
    public void scan(ImageFilter filter, Set<String> spaces, Consumer<ScannedImage> visitor) {
        reads.scan(filter, spaces, visitor);
    }

    @Override
    public Map<String, ImageVectors> vectors(Collection<String> ids, Set<String> spaces) {
        return reads.vectors(ids, spaces);
    }

    @Override
    public int count() {
        return reads.count();
    }

    @Override
    public int count(ImageFilter filter) {
        return reads.count(filter);
    }

    @Override
    public Map<String, Float> labels(String id) {
        return reads.labels(id);
    }

    @Override
    public Map<String, Map<String, Float>> modelLabels(Collection<String> ids, Set<String> names) {
        return reads.modelLabels(ids, names);
    }

    @Override
    public long sizeOnDiskBytes() {
        return reads.sizeOnDiskBytes();
    }

    @Override
    public Map<String, String> stats() {
        return reads.stats();
    }

    @Override
    public void close() throws IOException {
        reads.close();
    }
}
