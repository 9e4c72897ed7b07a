package dev.loupe.models.builtin;

import dev.loupe.core.Tag;
import dev.loupe.models.tags.TagScorer;
import dev.loupe.models.tags.TagVocabulary;
import dev.loupe.models.text.EmbeddingCache;
import dev.loupe.models.text.SentenceEncoder;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The builtin model's zero-shot tagger: a {@link ConseTagger} in the tag recipe's own text space, built on first
 * use. When the tag recipe names another sentence encoder than search, that encoder is opened only when an
 * embedding is missing from the cache (first start, or a new {@code --vocab}), so indexing and search never load
 * it. Class and word embeddings are cached on disk, scorers in memory. Thread-safe.
 */
final class BuiltinTags implements AutoCloseable {
    private final BuiltinRecipe.TagRecipe recipe;
    private final List<String> labels;
    private final EmbeddingCache cache;
    private final SentenceEncoder searchText;
    private final int threads;
    private final ConcurrentMap<String, TagScorer> scorers = new ConcurrentHashMap<>();
    private SentenceEncoder ownText;
    private ConseTagger tagger;

    /**
     * @param searchText the model's search encoder, reused when the tag recipe names the same kind (not closed here)
     */
    BuiltinTags(BuiltinRecipe.TagRecipe recipe, List<String> labels, EmbeddingCache cache, SentenceEncoder searchText,
                int threads) {
        this.recipe = recipe;
        this.labels = labels;
        this.cache = cache;
        this.searchText = searchText;
        this.threads = threads;
    }

    /**
     * The {@code k} best words of {@code vocabulary} for an image, given the logits of its views as
     * {@link BuiltinRecipe.TagRecipe#views(java.awt.image.BufferedImage)} lists them.
     */
    List<Tag> tags(List<float[]> logitsPerView, TagVocabulary vocabulary, int k) {
        ConseTagger t = tagger();
        TagScorer scorer = scorers.computeIfAbsent(recipe.cacheKey() + "-" + vocabulary.key(), key -> t.scorer(
                vocabulary, cache.get("tags-" + key, vocabulary.words().size(),
                        () -> ConseTagger.embedWords(text(), vocabulary, recipe))));
        return t.tags(logitsPerView, scorer, k);
    }

    private synchronized ConseTagger tagger() {
        if (tagger == null) {
            float[][] classes = cache.get("tagclasses-" + recipe.cacheKey() + "-"
                    + Integer.toHexString(labels.hashCode()), labels.size(),
                    () -> ConseTagger.embedClasses(text(), labels, recipe));
            tagger = new ConseTagger(classes, recipe);
        }
        return tagger;
    }

    private synchronized SentenceEncoder text() {
        if (recipe.encoder() == searchText.kind()) {
            return searchText;
        }
        if (ownText == null) {
            ownText = SentenceEncoder.open(recipe.encoder(), threads);
        }
        return ownText;
    }

    @Override
    public synchronized void close() {
        if (ownText != null) {
            ownText.close();
            ownText = null;
        }
    }
}
