package dev.loupe.models.builtin;

import dev.loupe.models.text.SentenceEncoder;

import java.util.List;

/**
 * The measured settings of the builtin model (docs/quality.md has the tables each was chosen from; ConseTuning and
 * BlendTuning in the tests reproduce them). The version string goes into every index, so changing anything here that
 * changes stored vectors must bump {@link #version}.
 *
 * @param version      model version stored in indexes
 * @param textEncoder  the sentence encoder that defines the semantic space
 * @param templates    class-prompt templates for the semantic (search) vector, {@code %s} = the class label;
 *                     the embeddings of one class's prompts are averaged
 * @param topK         ConSE: how many top classes are combined
 * @param temperature  ConSE: softmax temperature
 * @param view         which part of the image the classifier sees
 * @param mirrorViews  also encode the mirrored image and average the two views (test-time augmentation: more
 *                     robust vectors, at twice the image-encoder time; off by default, see docs/quality.md)
 * @param visualWeight image-to-image blend: weight of the visual (pooled feature) cosine, the rest semantic
 * @param tags         how tags are scored
 */
public record BuiltinRecipe(String version, SentenceEncoder.Kind textEncoder, List<String> templates, int topK,
                            float temperature, ImageView view, boolean mirrorViews, float visualWeight,
                            TagRecipe tags) {

    /**
     * Tagging settings. Tags are single words, so they are compared with a ConSE vector built from class
     * embeddings made the same way as the words' own ({@code templates}, by default the bare label), and scored
     * with hubness correction ({@link TagScorer#withHubnessCorrection}).
     *
     * @param templates   templates for both the class embeddings of the tag vector and the vocabulary words
     * @param topK        ConSE top-k for the tag vector
     * @param temperature ConSE temperature for the tag vector
     * @param hubK        CSLS neighbourhood (0 = plain cosine)
     * @param mirror      average the tag vectors of the image and its mirror (tagging runs on one image at a time,
     *                    so the second encoder pass is affordable; it steadies the ranks, docs/quality.md)
     */
    public record TagRecipe(List<String> templates, int topK, float temperature, int hubK, boolean mirror) {
        public TagRecipe {
            templates = List.copyOf(templates);
        }

        /** Key for caches of class and word embeddings made with these templates. */
        public String cacheKey(SentenceEncoder.Kind encoder) {
            return Integer.toHexString((encoder + "|" + templates).hashCode());
        }
    }

    /**
     * The default (docs/quality.md): among the recipes that rank chelsea.png, coffee.png and rocket.jpg first for
     * "a cat", "a cup of coffee", "a rocket", the one with the best caption-to-photo MRR averaged over four variants
     * of the 21 shared photos — BGE-small, "a photo of a %s." class prompts, whole-image view, k=100, T=3, no mirror
     * augmentation (with the antialiased whole-image resize: R@1 14/21, R@5 18/21 on the originals; mean R@1 14.5,
     * mean MRR 0.776). Tags: bare-label ConSE at k=100, T=2 with CSLS(5), image and mirror averaged (giraffe.jpg's
     * "giraffe" 8th on all four variants, chelsea.png's "cat" 2nd). Image-to-image visual weight 0.7 (Fashion-MNIST
     * precision@10 is flat from 0.6 to 1.0).
     */
    public static final BuiltinRecipe DEFAULT = new BuiltinRecipe("2", SentenceEncoder.Kind.BGE_SMALL,
            List.of("a photo of a %s."), 100, 3f, ImageView.FULL, false, 0.7f,
            new TagRecipe(List.of("%s"), 100, 2f, 5, true));

    public BuiltinRecipe {
        templates = List.copyOf(templates);
        if (view == null || tags == null) {
            throw new IllegalArgumentException("view and tags must be set");
        }
    }

    /** A stable key for caches of the class embeddings of the semantic vector. */
    public String cacheKey() {
        return Integer.toHexString((textEncoder + "|" + templates).hashCode());
    }

    /**
     * The template vocabulary words are embedded with ({@link TagRecipe#templates}' first; equal to the class
     * template in the default recipe, so that an ImageNet label tag and its class embed identically).
     */
    public String tagTemplate() {
        return tags.templates().get(0);
    }
}
