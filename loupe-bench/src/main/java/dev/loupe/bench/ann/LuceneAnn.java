package dev.loupe.bench.ann;

import dev.loupe.core.query.Measure;
import dev.loupe.core.query.ResolvedQuery;
import dev.loupe.core.query.VectorMatrix;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.VectorUtil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loupe's Lucene HNSW index reduced to the vector field: the same codec formats, similarity (dot product of unit
 * vectors) and query ({@link KnnFloatVectorQuery} whose k is the beam width) as {@code LuceneImageIndex}, one
 * document per vector, merged into one segment so that ordinals are document numbers. Candidates are re-scored
 * with the stored float vectors, as the engine's approximate path does.
 */
public final class LuceneAnn implements AnnIndex {
    static final String FIELD = "vec";

    private final Path dir;
    private final Directory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final FloatVectorValues values;
    private final int dimension;
    private ResolvedQuery lastQuery;
    private float[] primary;
    private float[] secondary;

    private LuceneAnn(Path dir) throws IOException {
        this.dir = dir;
        this.directory = FSDirectory.open(dir);
        this.reader = DirectoryReader.open(directory);
        if (reader.leaves().size() != 1) {
            throw new IllegalStateException(dir + " has " + reader.leaves().size() + " segments, the bench needs one; "
                    + "delete the folder to rebuild it");
        }
        LeafReader leaf = reader.leaves().get(0).reader();
        this.searcher = new IndexSearcher(reader);
        this.values = leaf.getFloatVectorValues(FIELD);
        this.dimension = values.dimension();
    }

    /**
     * Builds the index of {@code base} with {@code encoding} into {@code dir} (emptied first) on one thread — one
     * indexing thread, merges in that thread — and merges it into one segment.
     *
     * @return the wall-clock seconds it took, merge included
     */
    public static double build(VectorMatrix base, Encoding encoding, Path dir) throws IOException {
        deleteFolder(dir);
        Files.createDirectories(dir);
        KnnVectorsFormat format = encoding.format();
        Codec codec = new Lucene103Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return format;
            }
        };
        long t0 = System.nanoTime();
        try (Directory d = FSDirectory.open(dir);
             IndexWriter w = new IndexWriter(d, new IndexWriterConfig().setCodec(codec).setRAMBufferSizeMB(1024)
                     .setMergeScheduler(new SerialMergeScheduler()))) {
            for (int i = 0; i < base.size(); i++) {
                Document doc = new Document();
                doc.add(new KnnFloatVectorField(FIELD, base.row(i), VectorSimilarityFunction.DOT_PRODUCT));
                w.addDocument(doc);
            }
            w.forceMerge(1);
            w.commit();
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    public static LuceneAnn open(Path dir) {
        try {
            return new LuceneAnn(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the bench index " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int[] nearest(float[] probe, int k) {
        try {
            TopDocs top = searcher.search(new KnnFloatVectorQuery(FIELD, probe, k), k);
            int[] out = new int[top.scoreDocs.length];
            int i = 0;
            for (ScoreDoc sd : top.scoreDocs) {
                out[i++] = sd.doc;
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int size() {
        return values.size();
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** The exact score from the stored float vector (Lucene's SIMD dot product, the measure's formula). */
    @Override
    public float score(ResolvedQuery query, int ordinal) {
        if (query != lastQuery) {
            lastQuery = query;
            primary = query.measure() == Measure.SUM ? query.sumVector() : query.direction();
            secondary = query.measure() == Measure.SUM ? null : query.base();
        }
        try {
            float[] x = values.vectorValue(ordinal);
            float xp = VectorUtil.dotProduct(x, primary);
            float xs = secondary == null ? 0f : VectorUtil.dotProduct(x, secondary);
            return query.score(xp, xs, VectorUtil.dotProduct(x, x));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long diskBytes() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The HNSW graph ({@code .vex}) and the vectors the graph search compares: the quantized ones ({@code .veq}
     * int7/int4, {@code .veb} BBQ) when there are, else the floats ({@code .vec}). The floats of a quantized field
     * stay on disk and are read only for the candidates' exact re-score.
     */
    @Override
    public long searchBytes() {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            boolean quantized = all.stream().anyMatch(p -> p.toString().endsWith(".veq") || p.toString().endsWith(".veb"));
            return all.stream().filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".vex") || n.endsWith(".veq") || n.endsWith(".veb") || (!quantized && n.endsWith(".vec"));
            }).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resident pages of this index's memory-mapped files (the HNSW graph and vectors are off-heap). */
    @Override
    public long residentBytes() {
        return Resident.mappedBytesUnder(dir);
    }

    @Override
    public void close() throws IOException {
        reader.close();
        directory.close();
    }

    static void deleteFolder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
