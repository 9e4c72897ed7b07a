package dev.loupe.core.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.LongAdder;

import org.apache.lucene.codecs.hnsw.FlatVectorScorerUtil;
import org.apache.lucene.codecs.hnsw.FlatVectorsScorer;
import org.apache.lucene.index.ByteVectorValues;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorer;

/**
 * A real HNSW graph (Lucene's {@code org.apache.lucene.util.hnsw}, on heap, dot-product similarity) over the rows of
 * a {@link VectorMatrix}, as a {@link CandidateSource}: graph node = matrix ordinal. Either over the float vectors,
 * or over int8 copies (each component × one global scale, rounded — what a quantized vector index stores: a
 * quarter of the memory per visited node; the approximate path re-scores candidates on the float vectors anyway).
 * Test scope only: it measures what the approximate path achieves with an actual ANN index, before the Lucene
 * index module plugs in.
 */
final class HnswCandidateSource implements CandidateSource {
    private final KnnVectorValues values;
    private final FlatVectorsScorer scorer;
    private final OnHeapHnswGraph graph;
    private final float scale;
    private final LongAdder lookUps = new LongAdder();
    private final LongAdder visited = new LongAdder();

    private HnswCandidateSource(KnnVectorValues values, float scale, int maxConn, int beamWidth, long seed) {
        this.values = values;
        this.scale = scale;
        this.scorer = FlatVectorScorerUtil.getLucene99FlatVectorsScorer();
        try {
            this.graph = HnswGraphBuilder.create(
                    scorer.getRandomVectorScorerSupplier(VectorSimilarityFunction.DOT_PRODUCT, values),
                    maxConn, beamWidth, seed).build(values.size());
        } catch (IOException e) {
            throw new UncheckedIOException("building the HNSW graph failed", e);
        }
    }

    /** HNSW over the float vectors. */
    static HnswCandidateSource floats(VectorMatrix vectors, int maxConn, int beamWidth, long seed) {
        List<float[]> rows = new ArrayList<>(vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            rows.add(vectors.row(i));
        }
        return new HnswCandidateSource(FloatVectorValues.fromFloats(rows, vectors.dimension()), 0f, maxConn,
                beamWidth, seed);
    }

    /**
     * HNSW over int8 copies: scale = 127 / (the 99.99th percentile of |component|, from a sample), values beyond it
     * clipped.
     */
    static HnswCandidateSource int8(VectorMatrix vectors, int maxConn, int beamWidth, long seed) {
        Random rnd = new Random(seed);
        float[] sample = new float[100_000];
        for (int i = 0; i < sample.length; i++) {
            float[] row = vectors.row(rnd.nextInt(vectors.size()));
            sample[i] = Math.abs(row[rnd.nextInt(row.length)]);
        }
        Arrays.sort(sample);
        float scale = 127f / sample[(int) (sample.length * 0.9999)];
        List<byte[]> rows = new ArrayList<>(vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            rows.add(quantize(vectors.row(i), scale));
        }
        return new HnswCandidateSource(ByteVectorValues.fromBytes(rows, vectors.dimension()), scale, maxConn,
                beamWidth, seed);
    }

    @Override
    public int[] nearest(float[] probe, int k) {
        try {
            RandomVectorScorer s = values instanceof FloatVectorValues
                    ? scorer.getRandomVectorScorer(VectorSimilarityFunction.DOT_PRODUCT, values, probe)
                    : scorer.getRandomVectorScorer(VectorSimilarityFunction.DOT_PRODUCT, values, quantize(probe, scale));
            TopDocs top = HnswGraphSearcher.search(s, k, graph, null, Integer.MAX_VALUE).topDocs();
            lookUps.increment();
            visited.add(top.totalHits.value());
            int[] ords = new int[top.scoreDocs.length];
            int i = 0;
            for (ScoreDoc d : top.scoreDocs) {
                ords[i++] = d.doc;
            }
            return ords;
        } catch (IOException e) {
            throw new UncheckedIOException("HNSW search failed", e);
        }
    }

    /** Mean number of graph nodes scored per look-up since the last call; resets the counts. */
    double visitedPerLookUpAndReset() {
        long n = lookUps.sumThenReset();
        long v = visited.sumThenReset();
        return n == 0 ? 0 : (double) v / n;
    }

    /** An exact inner-product top-k posing as the ANN index: isolates the probe strategy from HNSW's own errors. */
    static CandidateSource exact(ExactScanner scanner) {
        return (probe, k) -> scanner.topK(ResolvedQuery.sum(probe), k).stream()
                .mapToInt(ScoredOrdinal::ordinal).toArray();
    }

    private static byte[] quantize(float[] v, float scale) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) Math.max(-127, Math.min(127, Math.round(v[i] * scale)));
        }
        return b;
    }
}
