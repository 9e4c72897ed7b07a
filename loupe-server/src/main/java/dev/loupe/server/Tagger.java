package dev.loupe.server;

import dev.loupe.core.Model;
import dev.loupe.core.Tag;
import dev.loupe.core.Vectors;
import dev.loupe.models.builtin.BuiltinModel;

import java.util.ArrayList;
import java.util.List;

/**
 * Zero-shot tags of indexed images with the model's default vocabulary, its word embeddings computed (or read
 * from the model's cache) once per server rather than once per hit. Thread-safe.
 */
final class Tagger {
    private final Model model;
    private volatile Scorer scorer;

    private interface Scorer {
        List<Tag> top(float[] semantic, int k);
    }

    Tagger(Model model) {
        this.model = model;
    }

    /** The {@code k} best tags of an image's vector in the model's text space. */
    List<Tag> tags(float[] semantic, int k) {
        if (k <= 0) {
            return List.of();
        }
        return scorer().top(semantic, k);
    }

    private Scorer scorer() {
        Scorer s = scorer;
        if (s == null) {
            synchronized (this) {
                s = scorer;
                if (s == null) {
                    s = build();
                    scorer = s;
                }
            }
        }
        return s;
    }

    private Scorer build() {
        if (model instanceof BuiltinModel) {
            // scores the words in the semantic vector's own space; the builtin model keeps the scorer in memory
            List<String> words = model.defaultTagVocabulary();
            return (semantic, k) -> model.tags(semantic, words, k);
        }
        List<String> words = model.defaultTagVocabulary();
        List<float[]> embeddings = model.encodeTexts(words);
        return (semantic, k) -> {
            List<Tag> all = new ArrayList<>(words.size());
            for (int i = 0; i < words.size(); i++) {
                all.add(new Tag(words.get(i), Vectors.dot(semantic, embeddings.get(i))));
            }
            all.sort((a, b) -> Float.compare(b.score(), a.score()));
            return List.copyOf(all.subList(0, Math.min(k, all.size())));
        };
    }
}
