package dev.loupe.core.query;

/**
 * An approximate nearest-neighbour index seen by {@link ApproximateSearch}: the ordinals (in the same
 * {@link VectorStore}) of about the {@code k} stored vectors with the largest inner product with {@code probe}
 * (= cosine, since probes and stored vectors are unit length), in any order. The Lucene HNSW index plugs in here.
 */
@FunctionalInterface
public interface CandidateSource {
    int[] nearest(float[] probe, int k);
}
