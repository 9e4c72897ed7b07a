package dev.loupe.models.builtin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.Model;
import dev.loupe.core.ModelInfo;
import dev.loupe.core.NamedLabels;
import dev.loupe.core.Space;
import dev.loupe.core.Tag;
import dev.loupe.core.Vectors;
import dev.loupe.models.tags.Conse;
import dev.loupe.models.tags.TagScorer;
import dev.loupe.models.tags.TagVocabulary;
import dev.loupe.models.text.EmbeddingCache;
import dev.loupe.models.text.SentenceEncoder;
import dev.loupe.models.wordnet.ImagenetSynsets;
import dev.loupe.models.wordnet.WordNet;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Loupe's offline visual-semantic model: MobileNetV2 (ImageNet) for images, a sentence encoder for text, joined by
 * ConSE into one semantic space; the pooled CNN features form a second, visual-only space for image-to-image search.
 *
 * <p>Only the sentence encoder is loaded when the model opens: MobileNet and the ConSE class embeddings are loaded
 * on the first image, so a one-shot text search does not pay for them (docs/performance.md, cold start); the WordNet
 * class hierarchy is read on its first use (tags, hierarchy labels).
 */
public final class BuiltinModel implements Model {
    public static final String ID = "loupe-builtin";

    private final BuiltinRecipe recipe;
    private final Path pooledModel;
    private final int threads;
    private final SentenceEncoder text;
    private final List<String> labels;
    private final BuiltinTags tagger;
    /** Loaded on first use ({@link #images()}, {@link #conse()}); guarded by {@code this}. */
    private MobileNetEncoder images;
    private float[][] classEmbeddings;
    private Conse conse;
    private final Supplier<BuiltinHierarchy> hierarchy;
    /** The nouns a text query can name (search); read on the first text query, without the hierarchy. */
    private final Supplier<QueryNouns> nouns;
    private final EmbeddingCache cache;
    private final java.util.concurrent.ConcurrentMap<String, TagScorer> scorers = new java.util.concurrent.ConcurrentHashMap<>();
    private final ModelInfo info;

    /**
     * Opens the builtin model from its installed files ({@link BuiltinModelFiles#installBuiltin}).
     *
     * @param cacheDir where class and tag embeddings and the class hierarchy are cached
     * @param threads  ONNX Runtime threads per session
     */
    public BuiltinModel(BuiltinModelFiles.Paths files, Path cacheDir, BuiltinRecipe recipe, int threads) {
        this.recipe = recipe;
        this.pooledModel = files.pooledModel();
        this.threads = threads;
        this.labels = readLabels(files.labels());
        this.cache = new EmbeddingCache(cacheDir);
        ImagenetSynsets.read(files.synsets(), labels.size()); // a broken synset list fails now, not at the first query
        this.hierarchy = memoize(() -> BuiltinHierarchy.load(files.synsets(), labels, cacheDir, WordNet::load));
        this.nouns = memoize(() -> QueryNouns.load(BuiltinHierarchy.nounsFile(files.synsets(), labels, cacheDir),
                hierarchy));
        this.text = SentenceEncoder.open(recipe.textEncoder(), threads, cacheDir);
        this.tagger = new BuiltinTags(recipe, labels, cache, cacheDir, hierarchy, WordNet::load, text, threads);
        this.info = infoFor(recipe);
    }

    /**
     * Opens the builtin model from files installed side by side by {@link BuiltinModelFiles#installBuiltin} (the
     * synset list is found beside {@code labelsJson}).
     *
     * @param pooledModel  MobileNetV2 with the extra pooled output ({@link BuiltinModelFiles#installBuiltin})
     * @param pooledOutput name of that output; must be {@link BuiltinModelFiles#POOLED_OUTPUT}
     * @param labelsJson   the 1000 ImageNet labels in output order
     * @param cacheDir     where class and tag embeddings are cached
     * @param threads      ONNX Runtime threads per session
     */
    public BuiltinModel(Path pooledModel, String pooledOutput, Path labelsJson, Path cacheDir, BuiltinRecipe recipe,
                        int threads) {
        this(new BuiltinModelFiles.Paths(pooledModel, labelsJson,
                labelsJson.resolveSibling(BuiltinModelFiles.IMAGENET_SYNSETS.name())), cacheDir, recipe, threads);
        if (!BuiltinModelFiles.POOLED_OUTPUT.equals(pooledOutput)) {
            throw new IllegalArgumentException("the pooled output is '" + BuiltinModelFiles.POOLED_OUTPUT + "', not '"
                    + pooledOutput + "'");
        }
    }

    private synchronized MobileNetEncoder images() {
        if (images == null) {
            images = new MobileNetEncoder(pooledModel, BuiltinModelFiles.POOLED_OUTPUT, threads);
        }
        return images;
    }

    /** The text embeddings of the ImageNet classes (cached on disk after the first run). */
    private synchronized float[][] classEmbeddings() {
        if (classEmbeddings == null) {
            classEmbeddings = cache.get("classes-" + recipe.cacheKey() + "-" + Integer.toHexString(labels.hashCode()),
                    labels.size(), () -> new ClassPrompts(recipe.templates()).embed(text, labels));
        }
        return classEmbeddings;
    }

    private synchronized Conse conse() {
        if (conse == null) {
            conse = new Conse(classEmbeddings(), recipe.topK(), recipe.temperature());
        }
        return conse;
    }

    /** Computes the value on first use (the hierarchy is not needed to index), then returns it. */
    private static <T> Supplier<T> memoize(Supplier<T> compute) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = compute.get();
                }
                return value;
            }
        };
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
     * for mirror augmentation; the views' ConSE vectors and pooled features are averaged. The image's labels are the
     * hierarchy nouns whose probability reaches the recipe's {@code tree.evidenceProbability} (labels for filters
     * from {@code tree.labelProbability} up, {@link #labelThreshold}; evidence for search below), from the same views'
     * logits ({@link #hierarchyLabels(List, float)}): no extra pass of the classifier. (The tag views — whole,
     * centre crop and four corners, each mirrored — would cost eleven more passes per image, docs/quality.md.)
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
        List<MobileNetEncoder.Output> outputs = images().encode(inputs);
        Conse conse = conse();
        List<ImageVectors> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            List<MobileNetEncoder.Output> mine = outputs.subList(i * views, (i + 1) * views);
            float[] pooled = new float[MobileNetEncoder.POOLED_DIMENSION];
            for (MobileNetEncoder.Output o : mine) {
                pooled = Vectors.add(pooled, o.pooled());
            }
            List<float[]> logits = mine.stream().map(MobileNetEncoder.Output::logits).toList();
            Map<String, Float> labels = new java.util.LinkedHashMap<>();
            for (Tag t : hierarchyLabels(logits, recipe.tree().evidenceProbability())) {
                labels.putIfAbsent(t.tag(), Math.min(1f, t.probability()));
            }
            out.add(new ImageVectors(Map.of(
                    Space.SEMANTIC, conse.embedViews(logits),
                    Space.VISUAL, Vectors.normalize(pooled)), labels));
        }
        return out;
    }

    @Override
    public List<float[]> encodeTexts(List<String> texts) {
        return text.encode(texts);
    }

    @Override
    public float labelThreshold() {
        return recipe.tree().labelProbability();
    }

    /**
     * The hierarchy nouns a text names ("an animal", "two dogs", "a boat"; longest phrase first, nouns near WordNet's
     * root ignored), under the names the model gives them as labels, with the recipe's {@code tree.searchWeight}.
     */
    @Override
    public java.util.Optional<NamedLabels> namedLabels(String query) {
        float weight = recipe.tree().searchWeight();
        if (weight <= 0) {
            return java.util.Optional.empty();
        }
        List<String> named = nouns.get().namedIn(query);
        return named.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(new NamedLabels(named, weight));
    }

    /** The classes' WordNet hierarchy (read on first use). */
    BuiltinHierarchy hierarchy() {
        return hierarchy.get();
    }

    /**
     * The nouns of the class hierarchy an image shows, with their probabilities (the sum over the classes each
     * covers, averaged over the tag recipe's probability views of the image): "tabby cat" 0.41, "cat" 0.93, "animal" 0.98, … — labels an
     * index can store and filter on. Nouns near WordNet's root (entity, object, whole, …) are left out.
     *
     * @param minProbability the least probability of a label returned
     */
    public List<Tag> hierarchyLabels(BufferedImage image, float minProbability) {
        return hierarchyLabels(images().encode(recipe.tags().views(image)).stream()
                .map(MobileNetEncoder.Output::logits).toList(), minProbability);
    }

    /** The hierarchy nouns whose probability, averaged over these views' logits, reaches {@code minProbability}. */
    private List<Tag> hierarchyLabels(List<float[]> logits, float minProbability) {
        BuiltinHierarchy h = hierarchy.get();
        float[] p = h.tree().probabilities(BuiltinTags.classProbabilities(logits));
        List<Tag> out = new ArrayList<>();
        for (var n : h.tree().nodes()) {
            if (p[n.index()] >= minProbability && h.depth(n) >= BuiltinHierarchy.MIN_DEPTH) {
                out.add(new Tag(h.display(n), p[n.index()], p[n.index()], h.path(n, w -> true)));
            }
        }
        out.sort((a, b) -> Float.compare(b.probability(), a.probability()));
        return out;
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
                classEmbeddings(), recipe.tags().hubK()));
        return scorer.top(semantic, k);
    }

    /**
     * Zero-shot tags as measured best (docs/quality.md): the tag recipe's own ConSE vector, averaged over its views
     * of the image (whole image, centre crop and their mirrors by default), in the tag recipe's text space, scored
     * against the words with hubness correction; the hierarchy's probabilities come from those views and the
     * recipe's probability views (the four corners and their mirrors).
     */
    @Override
    public List<Tag> tags(BufferedImage image, List<String> vocabulary, int k) {
        List<float[]> logits = images().encode(recipe.tags().views(image)).stream()
                .map(MobileNetEncoder.Output::logits).toList();
        return tagger.tags(logits, new TagVocabulary(vocabulary), k);
    }

    @Override
    public void close() {
        MobileNetEncoder opened;
        synchronized (this) {
            opened = images;
        }
        try (text; tagger) {
            if (opened != null) {
                opened.close(); // text and tagger are closed even if this fails
            }
        }
    }
}
