package dev.loupe.models.builtin;

import dev.loupe.core.Tag;
import dev.loupe.core.Vectors;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores every word of a vocabulary against an image's semantic vector (zero-shot: any word the text encoder can
 * embed gets a score, whether or not the classifier knows it) and returns the best.
 */
public final class TagScorer {
    private final List<String> words;
    private final float[][] embeddings;

    public TagScorer(List<String> words, float[][] embeddings) {
        if (words.size() != embeddings.length) {
            throw new IllegalArgumentException(words.size() + " words but " + embeddings.length + " embeddings");
        }
        this.words = List.copyOf(words);
        this.embeddings = embeddings;
    }

    public List<Tag> top(float[] semantic, int k) {
        float[] scores = new float[words.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = Vectors.dot(semantic, embeddings[i]);
        }
        List<Tag> out = new ArrayList<>();
        for (int i : Conse.topIndices(scores, k)) {
            out.add(new Tag(words.get(i), scores[i]));
        }
        return out;
    }
}
