package dev.loupe.models.builtin;

import dev.loupe.models.tags.TagScorer;
import dev.loupe.models.text.SentenceEncoder;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
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
                            TagRecipe tags, TreeRecipe tree) {

    /**
     * How the WordNet hierarchy of the classes is used (docs/quality.md, "Class hierarchy"). None of it changes the
     * stored image vectors: search adds a second signal to the cosine, tags change only their scores.
     *
     * @param searchWeight        a text query naming hierarchy nouns ("an animal", "a boat") ranks an image by its
     *                            cosine plus this weight times the image's probability of those nouns (the least of
     *                            them; {@link dev.loupe.core.NamedLabels}), read from the labels the index stores
     *                            (0 = off)
     * @param tagWeight           a tag's score is its text-space score plus this weight times the information its
     *                            hierarchy probability carries, {@code p ln(p / prior)} (prior = the share of the
     *                            classes the word covers; 0 = text space only): a likely and specific word ("zebra",
     *                            "cat") gains much, a word that is true of every animal ("animal") little
     * @param zeroShotTemperature softmax temperature over the text similarities of a zero-shot word ("giraffe") to its
     *                            cousin classes
     * @param maxHops             how many hypernym steps up a zero-shot word may look for a hierarchy node (0 = none)
     * @param minDepth            that node must be at least this many steps below WordNet's root
     * @param minClasses          the zero-shot word's cousins are the classes under that node, or under the nearest
     *                            node above it that covers at least this many classes (giraffe: the ungulates, with
     *                            zebra and the horses, rather than only the ruminants)
     * @param labelProbability    the least probability at which a hierarchy noun the index stores counts as a label
     *                            of the image for filters ({@code --label animal}; {@link
     *                            dev.loupe.core.Model#labelThreshold()}). Chosen on the 21 shared photos
     * @param evidenceProbability the least probability of a hierarchy noun the model hands to the index
     *                            ({@link dev.loupe.core.ImageVectors#labels()}): from here up to
     *                            {@code labelProbability} it is evidence for search only; above 1 = none
     */
    public record TreeRecipe(float searchWeight, float tagWeight, float zeroShotTemperature, int maxHops,
                             int minDepth, int minClasses, float labelProbability, float evidenceProbability) {
        public TreeRecipe {
            if (searchWeight < 0 || tagWeight < 0 || !(zeroShotTemperature > 0) || maxHops < 0
                    || !(labelProbability > 0) || !(evidenceProbability > 0)) {
                throw new IllegalArgumentException("tree recipe: weights must be >= 0, the temperature and the "
                        + "label and evidence probabilities > 0 and maxHops >= 0");
            }
        }

        /** Key for caches of per-vocabulary hierarchy rows. */
        public String cacheKey() {
            return Integer.toHexString((zeroShotTemperature + "|" + maxHops + "|" + minDepth + "|" + minClasses)
                    .hashCode());
        }
    }

    /**
     * Tagging settings. Tags are single words, so they are compared with a ConSE vector of their own, built from
     * class embeddings made the same way as the words' ({@code templates}), and scored with hubness correction
     * ({@link TagScorer#withHubnessCorrection}). The tag space may use another sentence encoder than search: what
     * ranks sentences well (BGE-small) places bare words by spelling more than meaning ("giraffe" next to "garter
     * snake", "gibbon", "mousetrap"), while MiniLM puts it next to zebra, jaguar and wallaby (docs/quality.md).
     *
     * @param encoder     the sentence encoder of the tag space
     * @param templates   templates for both the class embeddings of the tag vector and the vocabulary words
     *                    (several are averaged)
     * @param topK        ConSE top-k for the tag vector
     * @param temperature ConSE temperature for the tag vector
     * @param hubK        CSLS neighbourhood (0 = plain cosine)
     * @param views       the views of the image whose tag vectors are averaged (test-time augmentation: tagging
     *                    runs on one image at a time, so a few encoder passes are affordable; docs/quality.md)
     * @param mirror      also average the tag vectors of each view of the mirrored image (and use the mirrors of the
     *                    probability views)
     * @param probabilityViews more views whose class probabilities join those of {@code views} in the mean the
     *                    hierarchy probabilities are taken from, but not the tag vector (the corners of the image:
     *                    they steady the classifier's probabilities, while the text-space score measured best on the
     *                    whole image; docs/quality.md, "Multi-view tags")
     */
    public record TagRecipe(SentenceEncoder.Kind encoder, List<String> templates, int topK, float temperature,
                            int hubK, List<ImageView> views, boolean mirror, List<ImageView> probabilityViews) {
        public TagRecipe {
            if (encoder == null || views == null || views.isEmpty() || probabilityViews == null) {
                throw new IllegalArgumentException("the tag recipe needs a sentence encoder and at least one view");
            }
            templates = List.copyOf(templates);
            views = List.copyOf(views);
            probabilityViews = List.copyOf(probabilityViews);
        }

        /** How many images the classifier sees to tag one image. */
        public int viewCount() {
            return (views.size() + probabilityViews.size()) * (mirror ? 2 : 1);
        }

        /** How many of them, the first ones, make the tag vector. */
        public int tagViewCount() {
            return views.size() * (mirror ? 2 : 1);
        }

        /**
         * The {@link #viewCount} images the classifier must see to tag an image: each of {@code views}, then its
         * mirror, then each of {@code probabilityViews} and its mirror.
         */
        public List<BufferedImage> views(BufferedImage image) {
            List<BufferedImage> out = new ArrayList<>(viewCount());
            BufferedImage mirrored = mirror ? ImageView.mirror(image) : null;
            for (List<ImageView> list : List.of(views, probabilityViews)) {
                for (ImageView view : list) {
                    out.add(view.prepare(image));
                    if (mirror) {
                        out.add(view.prepare(mirrored));
                    }
                }
            }
            return out;
        }

        /** Key for caches of class and word embeddings made with this encoder and these templates. */
        public String cacheKey() {
            return Integer.toHexString((encoder + "|" + templates).hashCode());
        }
    }

    /**
     * The default (docs/quality.md): among the recipes that rank chelsea.png, coffee.png and rocket.jpg first for
     * "a cat", "a cup of coffee", "a rocket", the one with the best caption-to-photo MRR averaged over four variants
     * of the 21 shared photos — BGE-small, "a photo of a %s." class prompts, whole-image view, k=100, T=3, no mirror
     * augmentation (with the antialiased whole-image resize: R@1 14/21, R@5 18/21 on the originals; mean R@1 14.5,
     * mean MRR 0.776). Tags: MiniLM, class and word embeddings averaged over "%s" and "a photo of a %s.", ConSE at
     * k=10, T=2.5 with CSLS(3), averaged over the whole image, its centre crop and their mirrors, the hierarchy
     * probabilities over those and the four corner views with their mirrors (giraffe.jpg's "giraffe" 3rd and
     * chelsea.png's "cat" 2nd on all four variants). Image-to-image visual weight 0.7
     * (Fashion-MNIST precision@10 is flat from 0.6 to 1.0).
     */
    /** {@link TreeRecipe#labelProbability} of the default recipe (docs/quality.md, "Labels from the hierarchy"). */
    static final float LABEL_PROBABILITY = 0.4f;
    /**
     * {@link TreeRecipe#searchWeight} and {@link TreeRecipe#evidenceProbability} of the default recipe: the largest
     * weight with no loss on the chosen half of the captions, and the lowest stored probability measured
     * (docs/quality.md, "Search").
     */
    static final float SEARCH_WEIGHT = 0.1f;
    static final float EVIDENCE_PROBABILITY = 0.05f;

    public static final BuiltinRecipe DEFAULT = new BuiltinRecipe("2", SentenceEncoder.Kind.BGE_SMALL,
            List.of("a photo of a %s."), 100, 3f, ImageView.FULL, false, 0.7f,
            new TagRecipe(SentenceEncoder.Kind.MINILM, List.of("%s", "a photo of a %s."), 10, 2.5f, 3,
                    List.of(ImageView.FULL, ImageView.CENTER_CROP), true, List.of(ImageView.TOP_LEFT,
                    ImageView.TOP_RIGHT, ImageView.BOTTOM_LEFT, ImageView.BOTTOM_RIGHT)),
            new TreeRecipe(SEARCH_WEIGHT, 0.05f, 0.02f, 3, 6, 30, LABEL_PROBABILITY, EVIDENCE_PROBABILITY));

    /** This recipe with other hierarchy settings. */
    public BuiltinRecipe withTree(TreeRecipe tree) {
        return new BuiltinRecipe(version, textEncoder, templates, topK, temperature, view, mirrorViews, visualWeight,
                tags, tree);
    }

    /** This recipe with other class-prompt templates for the search vector. */
    public BuiltinRecipe withTemplates(List<String> templates) {
        return new BuiltinRecipe(version, textEncoder, templates, topK, temperature, view, mirrorViews, visualWeight,
                tags, tree);
    }

    public BuiltinRecipe {
        templates = List.copyOf(templates);
        if (view == null || tags == null || tree == null) {
            throw new IllegalArgumentException("view, tags and tree must be set");
        }
    }

    /** A stable key for caches of the class embeddings of the semantic vector. */
    public String cacheKey() {
        return Integer.toHexString((textEncoder + "|" + templates).hashCode());
    }
}
