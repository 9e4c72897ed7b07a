package dev.loupe.models.clip;

import ai.onnxruntime.OrtEnvironment;
import dev.loupe.core.ImageVectors;
import dev.loupe.core.Model;
import dev.loupe.core.ModelInfo;
import dev.loupe.core.Space;
import dev.loupe.core.Tag;
import dev.loupe.models.text.EmbeddingCache;
import dev.loupe.models.tags.TagScorer;
import dev.loupe.models.tags.TagVocabulary;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A CLIP-family dual encoder (OpenAI CLIP, OpenCLIP and compatible exports) run with ONNX Runtime, described by a
 * {@link ModelDescriptor}: the image graph and the text graph embed into ONE joint space, {@link Space#SEMANTIC},
 * so text-to-image search, image-to-image search, zero-shot tags, analogies and composition all work in it.
 *
 * <p>Images are preprocessed exactly as CLIP's reference pipeline does ({@link ClipPreprocessor}) and encoded in
 * batches; texts are tokenized with the descriptor's tokenizer. All outputs are unit length. When the model loads,
 * the graphs' input and output names, types and fixed dimensions are checked against the descriptor, and a
 * mismatch is reported naming the file and the expected and actual names. Tags score each word through a prompt
 * template ("a photo of a %s.", as CLIP's zero-shot evaluation does); the word embeddings are cached on disk per
 * vocabulary. Thread-safe.
 */
public final class ClipModel implements Model {
    /** CLIP's zero-shot prompt, used to turn a tag word into text. */
    public static final String DEFAULT_TAG_TEMPLATE = "a photo of a %s.";

    /**
     * How to run the model.
     *
     * @param threads           ONNX Runtime intra-op threads per graph
     * @param maxBatch          images per image-graph call (larger batches are split)
     * @param tagTemplate       how a tag word becomes text; must contain {@code %s}
     * @param defaultVocabulary the words {@link #tags} uses when the caller gives none
     * @param embeddingCache    directory for cached tag-word embeddings, or null to cache only in memory
     */
    public record Settings(int threads, int maxBatch, String tagTemplate, List<String> defaultVocabulary,
                           Path embeddingCache) {
        public Settings {
            if (threads < 1 || maxBatch < 1) {
                throw new IllegalArgumentException("threads and maxBatch must be at least 1, got " + threads + ", "
                        + maxBatch);
            }
            if (tagTemplate == null || !tagTemplate.contains("%s")) {
                throw new IllegalArgumentException("the tag template needs a %s for the word, got " + tagTemplate);
            }
            defaultVocabulary = List.copyOf(defaultVocabulary);
            if (defaultVocabulary.isEmpty()) {
                throw new IllegalArgumentException("the default tag vocabulary is empty");
            }
        }

        /** {@code threads} threads, batches of 16, CLIP's prompt, the given vocabulary, no disk cache. */
        public static Settings of(int threads, List<String> defaultVocabulary) {
            return new Settings(threads, 16, DEFAULT_TAG_TEMPLATE, defaultVocabulary, null);
        }

        public Settings withEmbeddingCache(Path dir) {
            return new Settings(threads, maxBatch, tagTemplate, defaultVocabulary, dir);
        }
    }

    private final ModelDescriptor descriptor;
    private final Settings settings;
    private final ModelInfo info;
    private final ClipImageEncoder images;
    private final ClipTextEncoder texts;
    private final EmbeddingCache cache;
    private final AtomicReference<Map.Entry<String, TagScorer>> lastScorer = new AtomicReference<>();

    private ClipModel(ModelDescriptor descriptor, Settings settings, ClipImageEncoder images, ClipTextEncoder texts) {
        this.descriptor = descriptor;
        this.settings = settings;
        this.info = infoFor(descriptor);
        this.images = images;
        this.texts = texts;
        this.cache = settings.embeddingCache() == null ? null : new EmbeddingCache(settings.embeddingCache());
    }

    /**
     * Loads a CLIP model whose files (named by {@code descriptor}) are in {@code directory}.
     *
     * @throws IllegalArgumentException if the descriptor is not a complete CLIP descriptor with checksums
     * @throws IllegalStateException    if a graph is missing, unreadable or does not match the descriptor
     */
    public static ClipModel open(ModelDescriptor descriptor, Path directory, Settings settings) {
        Objects.requireNonNull(directory, "directory");
        infoFor(descriptor); // checks the family and the checksums before anything is loaded
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        GraphNames g = descriptor.graph();
        ClipTextTokenizer tokenizer = descriptor.text().open(directory);
        ClipImageEncoder images = null;
        try {
            images = new ClipImageEncoder(env, descriptor, directory.resolve(g.imageModel()), settings.threads(),
                    settings.maxBatch());
            ClipTextEncoder texts = new ClipTextEncoder(env, descriptor, directory.resolve(g.textModel()), tokenizer,
                    settings.threads());
            return new ClipModel(descriptor, settings, images, texts);
        } catch (RuntimeException e) {
            tokenizer.close();
            if (images != null) {
                images.close();
            }
            throw e;
        }
    }

    /**
     * The identity an index records: the descriptor's name and a version that hashes every file's SHA-256 and
     * the preprocessing and tokenization settings, so another export or other settings never mix vectors.
     */
    public static ModelInfo infoFor(ModelDescriptor descriptor) {
        if (!descriptor.family().dualEncoder()) {
            throw new IllegalArgumentException("model '" + descriptor.name() + "' is of family '"
                    + descriptor.family().configName() + "', not a dual encoder (clip, siglip, m-clip, mobileclip)");
        }
        StringBuilder identity = new StringBuilder();
        for (ModelFile f : descriptor.files()) {
            if (!f.verifiable()) {
                throw new IllegalArgumentException("model '" + descriptor.name() + "': file " + f.name()
                        + " has no sha256 in the descriptor, so the model has no stable identity; install it with "
                        + "'loupe models install', which records the checksum");
            }
            identity.append(f.name()).append('=').append(f.sha256()).append('\n');
        }
        identity.append(descriptor.image().identity()).append('\n').append(descriptor.text().identity()).append('\n')
                .append(descriptor.embeddingDimension());
        String version = "clip-" + sha256(identity.toString()).substring(0, 16);
        return new ModelInfo(descriptor.name(), version,
                List.of(new Space(Space.SEMANTIC, descriptor.embeddingDimension())), Space.SEMANTIC);
    }

    public ModelDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public List<ImageVectors> encodeImages(List<BufferedImage> batch) {
        List<ImageVectors> out = new ArrayList<>(batch.size());
        for (float[] v : images.encode(batch)) {
            out.add(new ImageVectors(Map.of(Space.SEMANTIC, v)));
        }
        return out;
    }

    @Override
    public List<float[]> encodeTexts(List<String> list) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new IllegalArgumentException("text " + i + " to embed is null");
            }
        }
        return texts.encode(list);
    }

    /** The descriptor's relevance calibration (SigLIP's logit scale and bias), when it has one. */
    @Override
    public java.util.Optional<dev.loupe.core.Relevance> relevance() {
        return java.util.Optional.ofNullable(descriptor.relevance());
    }

    @Override
    public List<String> defaultTagVocabulary() {
        return settings.defaultVocabulary();
    }

    /** Scores each word, turned into text by the tag template, against the image's vector; cached per vocabulary. */
    @Override
    public List<Tag> tags(float[] imageVector, List<String> vocabulary, int k) {
        return scorer(new TagVocabulary(vocabulary)).top(info.space(Space.SEMANTIC).check(imageVector), k);
    }

    private TagScorer scorer(TagVocabulary vocabulary) {
        String key = "tags-" + info.version() + "-" + Integer.toHexString(settings.tagTemplate().hashCode()) + "-"
                + vocabulary.key();
        Map.Entry<String, TagScorer> last = lastScorer.get();
        if (last != null && last.getKey().equals(key)) {
            return last.getValue();
        }
        List<String> words = vocabulary.words();
        java.util.function.Supplier<float[][]> embed = () -> {
            List<String> prompts = words.stream().map(w -> String.format(settings.tagTemplate(), w)).toList();
            return encodeTexts(prompts).toArray(float[][]::new);
        };
        float[][] embeddings = cache == null ? embed.get() : cache.get(key, words.size(), embed);
        TagScorer scorer = new TagScorer(words, embeddings);
        lastScorer.set(Map.entry(key, scorer));
        return scorer;
    }

    @Override
    public void close() {
        try {
            images.close();
        } finally {
            texts.close();
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
