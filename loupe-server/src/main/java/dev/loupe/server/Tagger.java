package dev.loupe.server;

import dev.loupe.core.Model;
import dev.loupe.core.Tag;

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
        // the models keep each vocabulary's word embeddings (and the builtin model its tag-space scorer) after the
        // first call, so the vocabulary is embedded once per server, not once per hit
        List<String> words = model.defaultTagVocabulary();
        return (semantic, k) -> model.tags(semantic, words, k);
    }
}
