package dev.loupe.core.query;

/**
 * Turns one query term into its embedding in the query's space: the engine decodes and encodes an image file, looks
 * up an indexed image's stored vector, or embeds a text. The vector need not be unit length (it is normalised by
 * {@link ResolvedQuery#resolve}); it must not be zero. Implementations throw with a message naming the term when it
 * cannot be resolved (unknown id, missing file, …).
 */
@FunctionalInterface
public interface TermResolver {
    float[] vector(Term term);
}
