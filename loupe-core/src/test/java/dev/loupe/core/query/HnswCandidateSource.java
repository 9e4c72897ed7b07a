package dev.loupe.core.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.codecs.hnsw.FlatVectorScorerUtil;
import org.apache.lucene.codecs.hnsw.FlatVectorsScorer;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * A real HNSW graph (Lucene's {@code org.apache.lucene.util.hnsw}, on heap, dot-product similarity) over the rows of
 * a {@link VectorMatrix}, as a {@link CandidateSource}: graph node = matrix ordinal. Test scope only: it measures
 * what the approximate path achieves with an actual ANN index, before the Lucene index module plugs in.
 */
final class HnswCandidateSource implements CandidateSource {
    private final FloatVectorValues values;
    private final FlatVectorsScorer scorer;
    private final OnHeapHnswGraph graph;

    HnswCandidateSource(VectorMatrix vectors, int maxConn, int beamWidth, long seed) {
        List<float[]> rows = new ArrayList<>(vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            rows.add(vectors.row(i));
        }
        this.values = FloatVectorValues.fromFloats(rows, vectors.dimension());
        this.scorer = FlatVectorScorerUtil.getLucene99FlatVectorsScorer();
        try {
            RandomVectorScorerSupplier supplier =
                    scorer.getRandomVectorScorerSupplier(VectorSimilarityFunction.DOT_PRODUCT, values);
            this.graph = HnswGraphBuilder.create(supplier, maxConn, beamWidth, seed).build(values.size());
        } catch (IOException e) {
            throw new UncheckedIOException("building the HNSW graph failed", e);
        }
    }

    @Override
    public int[] nearest(float[] probe, int k) {
        try {
            RandomVectorScorer s = scorer.getRandomVectorScorer(VectorSimilarityFunction.DOT_PRODUCT, values, probe);
            TopDocs top = HnswGraphSearcher.search(s, k, graph, null, Integer.MAX_VALUE).topDocs();
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

    /** An exact inner-product top-k posing as the ANN index: isolates the probe strategy from HNSW's own errors. */
    static CandidateSource exact(ExactScanner scanner) {
        return (probe, k) -> scanner.topK(ResolvedQuery.sum(probe), k).stream()
                .mapToInt(ScoredOrdinal::ordinal).toArray();
    }
}
