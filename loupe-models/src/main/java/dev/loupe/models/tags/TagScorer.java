package dev.loupe.models.tags;

import dev.loupe.core.Tag;
import dev.loupe.core.Vectors;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores every word of a vocabulary against an image's ConSE vector (zero-shot: any word the text encoder can embed
 * gets a score, whether or not the classifier knows it) and returns the best.
 *
 * <p>Raw cosine favours "hub" words that sit near the middle of the class embeddings ("photographer", "nature",
 * "animal" come out on top for every image). {@link #withHubnessCorrection} applies CSLS (Conneau et al. 2018,
 * cross-domain similarity local scaling): a word's score is its cosine minus half the mean cosine between the word
 * and its {@code hubK} nearest class embeddings, so a word is credited for fitting this image better than it fits
 * the classes it is closest to. The image's own term of CSLS is the same for every word and is left out.
 */
public final class TagScorer {
    private final List<String> words;
    private final float[][] embeddings;
    private final float[] penalty;

    /** Plain cosine scoring: {@code score = cos(image, word)}. */
    public TagScorer(List<String> words, float[][] embeddings) {
        this(words, embeddings, new float[embeddings.length]);
    }

    private TagScorer(List<String> words, float[][] embeddings, float[] penalty) {
        if (words.size() != embeddings.length) {
            throw new IllegalArgumentException(words.size() + " words but " + embeddings.length + " embeddings");
        }
        this.words = List.copyOf(words);
        this.embeddings = embeddings;
        this.penalty = penalty;
    }

    /**
     * CSLS scoring: {@code score = cos(image, word) - mean(top hubK cos(word, class)) / 2}.
     *
     * @param classEmbeddings the unit class embeddings the image vectors are built from
     * @param hubK            neighbourhood size (0 = plain cosine)
     */
    public static TagScorer withHubnessCorrection(List<String> words, float[][] embeddings,
                                                  float[][] classEmbeddings, int hubK) {
        if (hubK < 0 || hubK > classEmbeddings.length) {
            throw new IllegalArgumentException("hubK must be in 0.." + classEmbeddings.length + ", got " + hubK);
        }
        float[] penalty = new float[embeddings.length];
        if (hubK > 0) {
            float[] sims = new float[classEmbeddings.length];
            for (int w = 0; w < embeddings.length; w++) {
                for (int c = 0; c < classEmbeddings.length; c++) {
                    sims[c] = Vectors.dot(embeddings[w], classEmbeddings[c]);
                }
                float sum = 0;
                for (int c : Conse.topIndices(sims, hubK)) {
                    sum += sims[c];
                }
                penalty[w] = sum / hubK / 2;
            }
        }
        return new TagScorer(words, embeddings, penalty);
    }

    public List<String> words() {
        return words;
    }

    /** Score of every word, in vocabulary order. */
    public float[] scores(float[] vector) {
        float[] scores = new float[words.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = Vectors.dot(vector, embeddings[i]) - penalty[i];
        }
        return scores;
    }

    /** The {@code k} best words, best first. */
    public List<Tag> top(float[] vector, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        float[] scores = scores(vector);
        List<Tag> out = new ArrayList<>();
        for (int i : Conse.topIndices(scores, k)) {
            out.add(new Tag(words.get(i), scores[i]));
        }
        return out;
    }
}
