/**
 * Metrics of the lab's experiments: recall@K of retrieval by cosine similarity, the two analogy measures
 * ({@code sum} and {@code diff}) in a joint image-text space, and mean ± std of a metric over seeds.
 */
package dev.loupe.learn.eval;
