package dev.loupe.models.builtin;

import dev.loupe.core.Tag;
import dev.loupe.models.tags.Conse;
import dev.loupe.models.tags.TagScorer;
import dev.loupe.models.tags.TagVocabulary;
import dev.loupe.models.text.EmbeddingCache;
import dev.loupe.models.text.SentenceEncoder;
import dev.loupe.models.wordnet.WordNet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * The builtin model's zero-shot tagger: a {@link ConseTagger} in the tag recipe's own text space, built on first
 * use, whose scores are fused with each word's probability from the class hierarchy ({@link TreeWords}). When the tag
 * recipe names another sentence encoder than search, that encoder is opened only when an embedding is missing from
 * the cache (first start, or a new {@code --vocab}), so indexing and search never load it; WordNet is read only when
 * a vocabulary's hierarchy rows are not cached yet. Class and word embeddings and hierarchy rows are cached on disk,
 * scorers in memory. Thread-safe.
 */
final class BuiltinTags implements AutoCloseable {
    /** What scoring one vocabulary needs. */
    record Scoring(TagScorer scorer, TreeWords tree, float[] priors) {
        Scoring(TagScorer scorer, TreeWords tree, int classCount) {
            this(scorer, tree, tree.priors(classCount));
        }
    }

    private final BuiltinRecipe.TagRecipe recipe;
    private final BuiltinRecipe.TreeRecipe treeRecipe;
    private final List<String> labels;
    private final EmbeddingCache cache;
    private final Path cacheDir;
    private final Supplier<BuiltinHierarchy> hierarchy;
    private final Supplier<WordNet> wordNet;
    private final SentenceEncoder searchText;
    private final int threads;
    private final ConcurrentMap<String, Scoring> scorings = new ConcurrentHashMap<>();
    private SentenceEncoder ownText;
    private ConseTagger tagger;
    private float[][] classEmbeddings;

    /**
     * @param cacheDir   where embeddings, hierarchy rows and the tag encoder's optimised model (see
     *                   {@link SentenceEncoder#open(SentenceEncoder.Kind, int, Path)}) are kept
     * @param searchText the model's search encoder, reused when the tag recipe names the same kind (not closed here)
     */
    BuiltinTags(BuiltinRecipe recipe, List<String> labels, EmbeddingCache cache, Path cacheDir,
                Supplier<BuiltinHierarchy> hierarchy, Supplier<WordNet> wordNet, SentenceEncoder searchText, int threads) {
        this.recipe = recipe.tags();
        this.treeRecipe = recipe.tree();
        this.labels = labels;
        this.cache = cache;
        this.cacheDir = cacheDir;
        this.hierarchy = hierarchy;
        this.wordNet = wordNet;
        this.searchText = searchText;
        this.threads = threads;
    }

    /**
     * The {@code k} best words of {@code vocabulary} for an image, given the logits of its views as
     * {@link BuiltinRecipe.TagRecipe#views(java.awt.image.BufferedImage)} lists them.
     */
    List<Tag> tags(List<float[]> logitsPerView, TagVocabulary vocabulary, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        ConseTagger t = tagger();
        Scoring s = scoring(vocabulary);
        float[] scores = s.scorer().scores(t.tagVector(logitsPerView));
        float[] p = s.tree().probabilities(classProbabilities(logitsPerView));
        float[] fused = fuse(scores, p, s.priors(), treeRecipe.tagWeight());
        List<Tag> out = new ArrayList<>(k);
        for (int i : Conse.topIndices(fused, k)) {
            out.add(new Tag(vocabulary.words().get(i), fused[i], p[i], path(s.tree(), i, vocabulary)));
        }
        return out;
    }

    /**
     * Text-space scores plus {@code weight} times the information of each word's hierarchy probability against its
     * prior, {@code p ln(p / prior)} where positive (words without a probability keep their score).
     */
    static float[] fuse(float[] scores, float[] probabilities, float[] priors, float weight) {
        float[] fused = new float[scores.length];
        for (int i = 0; i < scores.length; i++) {
            float p = probabilities[i];
            double info = Float.isNaN(p) || p <= priors[i] ? 0 : p * Math.log(p / priors[i]);
            fused[i] = scores[i] + (float) (weight * info);
        }
        return fused;
    }

    /** The classifier's own probabilities (temperature 1), averaged over the views. */
    static float[] classProbabilities(List<float[]> logitsPerView) {
        float[] mean = new float[logitsPerView.get(0).length];
        for (float[] logits : logitsPerView) {
            float[] p = softmax(logits);
            for (int c = 0; c < mean.length; c++) {
                mean[c] += p[c] / logitsPerView.size();
            }
        }
        return mean;
    }

    static float[] softmax(float[] logits) {
        float max = Float.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        float[] p = new float[logits.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= (float) sum;
        }
        return p;
    }

    private List<String> path(TreeWords tree, int word, TagVocabulary vocabulary) {
        TreeWords.Row r = tree.row(word);
        if (r.node() < 0) {
            return List.of();
        }
        BuiltinHierarchy h = hierarchy.get();
        List<String> up = h.path(h.tree().nodes().get(r.node()), vocabulary.words()::contains);
        if (r.kind() != TreeWords.Kind.ZERO_SHOT) {
            return up;
        }
        List<String> out = new ArrayList<>(up.size() + 1);
        out.add(vocabulary.words().get(word));
        out.addAll(up);
        return out;
    }

    /** The CSLS scorer and hierarchy rows of a vocabulary, from memory, the disk cache or computed. */
    Scoring scoring(TagVocabulary vocabulary) {
        ConseTagger t = tagger();
        return scorings.computeIfAbsent(recipe.cacheKey() + "-" + vocabulary.key(), key -> {
            float[][] words = cache.get("tags-" + key, vocabulary.words().size(),
                    () -> ConseTagger.embedWords(text(), vocabulary, recipe));
            return new Scoring(t.scorer(vocabulary, words), treeWords(key, vocabulary, words), labels.size());
        });
    }

    private TreeWords treeWords(String key, TagVocabulary vocabulary, float[][] words) {
        Path file = cacheDir.resolve("treewords-" + key + "-" + treeRecipe.cacheKey() + "-"
                + Integer.toHexString(hierarchy.get().tree().nodes().size()) + ".txt");
        if (Files.isRegularFile(file)) {
            try {
                return TreeWords.fromText(vocabulary.words(), Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                // a torn or foreign file: compute it again
            }
        }
        TreeWords tree = TreeWords.of(vocabulary.words(), labels, hierarchy.get(), wordNet, words, classEmbeddings,
                treeRecipe);
        BuiltinHierarchy.write(file, tree.toText());
        return tree;
    }

    synchronized ConseTagger tagger() {
        if (tagger == null) {
            classEmbeddings = cache.get("tagclasses-" + recipe.cacheKey() + "-"
                    + Integer.toHexString(labels.hashCode()), labels.size(),
                    () -> ConseTagger.embedClasses(text(), labels, recipe));
            tagger = new ConseTagger(classEmbeddings, recipe);
        }
        return tagger;
    }

    private synchronized SentenceEncoder text() {
        if (recipe.encoder() == searchText.kind()) {
            return searchText;
        }
        if (ownText == null) {
            ownText = SentenceEncoder.open(recipe.encoder(), threads, cacheDir);
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
