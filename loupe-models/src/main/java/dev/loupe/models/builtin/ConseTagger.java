package dev.loupe.models.builtin;

import dev.loupe.core.Tag;
import dev.loupe.models.tags.Conse;
import dev.loupe.models.tags.TagScorer;
import dev.loupe.models.tags.TagVocabulary;
import dev.loupe.models.text.SentenceEncoder;

import java.util.List;

/**
 * Zero-shot tagging with ConSE. An image's tag vector is a ConSE vector over class embeddings made like the tag
 * words' own embeddings ({@link BuiltinRecipe.TagRecipe#templates}); every vocabulary word is scored against it with
 * hubness correction. The search vector uses sentence-style class prompts because queries are sentences; tags are
 * bare words, and comparing like with like measured better for them (docs/quality.md).
 */
public final class ConseTagger {
    private final BuiltinRecipe.TagRecipe recipe;
    private final float[][] classEmbeddings;
    private final Conse conse;

    /**
     * @param classEmbeddings unit embeddings of the 1000 class labels made with {@code recipe.templates()}
     *                        (see {@link #embedClasses})
     */
    public ConseTagger(float[][] classEmbeddings, BuiltinRecipe.TagRecipe recipe) {
        this.recipe = recipe;
        this.classEmbeddings = classEmbeddings;
        this.conse = new Conse(classEmbeddings, recipe.topK(), recipe.temperature());
    }

    /** The class embeddings a tagger needs, for the caller to cache. */
    public static float[][] embedClasses(SentenceEncoder text, List<String> labels, BuiltinRecipe.TagRecipe recipe) {
        return new ClassPrompts(recipe.templates()).embed(text, labels);
    }

    /** The vocabulary's word embeddings, for the caller to cache (keyed by the vocabulary and the recipe). */
    public static float[][] embedWords(SentenceEncoder text, TagVocabulary vocabulary, BuiltinRecipe.TagRecipe recipe) {
        return new ClassPrompts(recipe.templates()).embed(text, vocabulary.words());
    }

    /**
     * The unit tag vector of an image from the classifier logits of its views, as {@link
     * BuiltinRecipe.TagRecipe#views(java.awt.image.BufferedImage)} lists them: the mean of the ConSE vectors of the
     * recipe's {@code views} (the probability views are left to the hierarchy).
     */
    public float[] tagVector(List<float[]> logitsPerView) {
        if (logitsPerView.size() != recipe.viewCount()) {
            throw new IllegalArgumentException("the tag recipe wants " + recipe.viewCount() + " view(s) "
                    + recipe.views() + " and " + recipe.probabilityViews()
                    + (recipe.mirror() ? " with their mirrors" : "") + ", got " + logitsPerView.size());
        }
        return conse.embedViews(logitsPerView.subList(0, recipe.tagViewCount()));
    }

    /** A scorer for a vocabulary whose words were embedded with {@link #embedWords}. */
    public TagScorer scorer(TagVocabulary vocabulary, float[][] wordEmbeddings) {
        return TagScorer.withHubnessCorrection(vocabulary.words(), wordEmbeddings, classEmbeddings, recipe.hubK());
    }

    /** The {@code k} best tags of an image given the logits of its {@link #views}. */
    public List<Tag> tags(List<float[]> logitsPerView, TagScorer scorer, int k) {
        return scorer.top(tagVector(logitsPerView), k);
    }
}
