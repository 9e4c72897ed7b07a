package dev.loupe.learn.train;

import dev.loupe.learn.data.Vocabulary;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A stand-in word-embedding text side for DeViSE until a sentence encoder is wired in: each word gets a fixed
 * random unit vector (seeded by the word's bytes) and a text is the normalized mean of its words' vectors, stop
 * words left out. Texts are similar exactly as far as they share words, so class descriptions that share words
 * ("footwear", "sleeves") carry the only semantics. Deterministic and dependency-free.
 */
public final class HashedWordEmbedding {
    private static final Set<String> STOP = Set.of("a", "an", "the", "of", "and", "or", "on", "in", "to", "with",
            "over", "at", "for", "by", "is", "it", "down", "from", "each", "other");

    private HashedWordEmbedding() {
    }

    public static TextEmbedding create(int dim) {
        return new TextEmbedding("hashed_words", dim, texts -> {
            List<float[]> out = new ArrayList<>();
            for (String t : texts) {
                out.add(embed(t, dim));
            }
            return out;
        });
    }

    static float[] embed(String text, int dim) {
        float[] v = new float[dim];
        for (String w : Vocabulary.tokenize(text)) {
            if (STOP.contains(w)) {
                continue;
            }
            Random r = new Random(java.util.Arrays.hashCode(w.getBytes(StandardCharsets.UTF_8)) * 0x9E3779B97F4A7C15L);
            double n = 0;
            float[] u = new float[dim];
            for (int i = 0; i < dim; i++) {
                u[i] = (float) r.nextGaussian();
                n += u[i] * u[i];
            }
            for (int i = 0; i < dim; i++) {
                v[i] += (float) (u[i] / Math.sqrt(n));
            }
        }
        return dev.loupe.learn.eval.Retrieval.normalize(v);
    }
}
