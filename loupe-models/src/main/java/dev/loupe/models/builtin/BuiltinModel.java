package dev.loupe.models.builtin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.Model;
import dev.loupe.core.ModelInfo;
import dev.loupe.core.Space;
import dev.loupe.core.Tag;
import dev.loupe.core.Vectors;
import dev.loupe.models.tags.Conse;
import dev.loupe.models.tags.TagScorer;
import dev.loupe.models.tags.TagVocabulary;
import dev.loupe.models.text.EmbeddingCache;
import dev.loupe.models.text.SentenceEncoder;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Loupe's offline visual-semantic model: MobileNetV2 (ImageNet) for images, a sentence encoder for text, joined by
 * ConSE into one semantic space; the pooled CNN features form a second, visual-only space for image-to-image search.
 */
public final class BuiltinModel implements Model {
    public static final String ID = "loupe-builtin";

    private final BuiltinRecipe recipe;
    private final MobileNetEncoder images;
    private final SentenceEncoder text;
    private final List<String> labels;
    private final float[][] classEmbeddings;
    private final Conse conse;
    private final BuiltinTags tagger;
    private final EmbeddingCache cache;
    private final java.util.concurrent.ConcurrentMap<String, TagScorer> scorers = new java.util.concurrent.ConcurrentHashMap<>();
    private final ModelInfo info;

    /**
     * @param pooledModel  MobileNetV2 with the extra pooled output ({@link BuiltinModelFiles#installBuiltin})
     * @param pooledOutput name of that output
     * @param labelsJson   the 1000 ImageNet labels in output order
     * @param cacheDir     where class and tag embeddings are cached
     * @param threads      ONNX Runtime threads per session
     */
    public BuiltinModel(Path pooledModel, String pooledOutput, Path labelsJson, Path cacheDir, BuiltinRecipe recipe,
                        int threads) {
        this.recipe = recipe;
        this.labels = readLabels(labelsJson);
        this.cache = new EmbeddingCache(cacheDir);
        this.text = SentenceEncoder.open(recipe.textEncoder(), threads);
        this.images = new MobileNetEncoder(pooledModel, pooledOutput, threads);
        float[][] classEmbeddings = cache.get("classes-" + recipe.cacheKey() + "-" + Integer.toHexString(labels.hashCode()),
                labels.size(), () -> new ClassPrompts(recipe.templates()).embed(text, labels));
        this.classEmbeddings = classEmbeddings;
        this.conse = new Conse(classEmbeddings, recipe.topK(), recipe.temperature());
        this.tagger = new BuiltinTags(recipe.tags(), labels, cache, text, threads);
        this.info = infoFor(recipe);
    }

    /** The identity an index records for this recipe, known without loading any model file. */
    public static ModelInfo infoFor(BuiltinRecipe recipe) {
        return new ModelInfo(ID, recipe.version() + "+" + recipe.textEncoder().id(),
                List.of(new Space(Space.SEMANTIC, recipe.textEncoder().dimension()),
                        new Space(Space.VISUAL, MobileNetEncoder.POOLED_DIMENSION)), Space.SEMANTIC);
    }

    private static List<String> readLabels(Path file) {
        try {
            String[] l = new ObjectMapper().readValue(file.toFile(), String[].class);
            if (l.length != 1000) {
                throw new IllegalStateException(file + ": expected 1000 ImageNet labels, found " + l.length
                        + " — delete it from the model cache and run again to reinstall it");
            }
            return Arrays.asList(l);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ImageNet labels " + file + ": " + e.getMessage()
                    + " — delete it from the model cache and run again to reinstall it", e);
        }
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    /**
     * Encodes each image as the recipe's view (the whole image by default), plus its mirror when the recipe asks
     * for mirror augmentation; the views' ConSE vectors and pooled features are averaged.
     */
    @Override
    public List<ImageVectors> encodeImages(List<BufferedImage> batch) {
        int views = recipe.mirrorViews() ? 2 : 1;
        List<BufferedImage> inputs = new ArrayList<>(batch.size() * views);
        for (BufferedImage img : batch) {
            inputs.add(recipe.view().prepare(img));
            if (views == 2) {
                inputs.add(recipe.view().prepare(ImageView.mirror(img)));
            }
        }
        List<MobileNetEncoder.Output> outputs = images.encode(inputs);
        List<ImageVectors> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            List<MobileNetEncoder.Output> mine = outputs.subList(i * views, (i + 1) * views);
            float[] pooled = new float[MobileNetEncoder.POOLED_DIMENSION];
            for (MobileNetEncoder.Output o : mine) {
                pooled = Vectors.add(pooled, o.pooled());
            }
            out.add(new ImageVectors(Map.of(
                    Space.SEMANTIC, conse.embedViews(mine.stream().map(MobileNetEncoder.Output::logits).toList()),
                    Space.VISUAL, Vectors.normalize(pooled))));
        }
        return out;
    }

    @Override
    public List<float[]> encodeTexts(List<String> texts) {
        return text.encode(texts);
    }

    @Override
    public float visualWeight() {
        return recipe.visualWeight();
    }

    public TagVocabulary defaultVocabulary() {
        return TagVocabulary.defaults(labels);
    }

    @Override
    public List<String> defaultTagVocabulary() {
        return defaultVocabulary().words();
    }

    /**
     * Zero-shot tags from an indexed image's semantic vector (fast: no decoding): the words are embedded with the
     * semantic vector's own class templates and scored with hubness correction against its class embeddings.
     * {@link #tags(BufferedImage, List, int)} is more accurate when the image is at hand.
     */
    @Override
    public List<Tag> tags(float[] semantic, List<String> vocabulary, int k) {
        TagVocabulary v = new TagVocabulary(vocabulary);
        String key = "semtags-" + recipe.cacheKey() + "-" + v.key();
        TagScorer scorer = scorers.computeIfAbsent(key, ignored -> TagScorer.withHubnessCorrection(v.words(),
                cache.get(key, v.words().size(), () -> new ClassPrompts(recipe.templates()).embed(text, v.words())),
                classEmbeddings, recipe.tags().hubK()));
        return scorer.top(semantic, k);
    }

    /**
     * Zero-shot tags as measured best (docs/quality.md): the tag recipe's own ConSE vector, averaged over its views
     * of the image (whole image, centre crop and their mirrors by default), in the tag recipe's text space, scored
     * against the words with hubness correction.
     */
    @Override
    public List<Tag> tags(BufferedImage image, List<String> vocabulary, int k) {
        List<float[]> logits = images.encode(recipe.tags().views(image)).stream()
                .map(MobileNetEncoder.Output::logits).toList();
        return tagger.tags(logits, new TagVocabulary(vocabulary), k);
    }

    @Override
    public void close() {
        try (text; images; tagger) {
            // closes all three, reporting the first failure
        }
    }
}
