package dev.loupe.core;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A multimodal encoder: images into one or more spaces, text into the shared space.
 * Implementations are thread-safe.
 */
public interface Model extends AutoCloseable {
    ModelInfo info();

    /** Encodes decoded RGB images (already oriented, of any size) into all of the model's spaces. */
    List<ImageVectors> encodeImages(List<BufferedImage> images);

    default ImageVectors encodeImage(BufferedImage image) {
        return encodeImages(List.of(image)).get(0);
    }

    /** Embeds texts into {@link ModelInfo#textSpace()}, unit length. */
    List<float[]> encodeTexts(List<String> texts);

    default float[] encodeText(String text) {
        return encodeTexts(List.of(text)).get(0);
    }

    /**
     * Zero-shot tags: every word of {@code vocabulary} scored by cosine against an image's vector in the text space.
     * Models may cache word embeddings; this default embeds the words on every call.
     */
    default List<Tag> tags(float[] imageVector, List<String> vocabulary, int k) {
        List<float[]> words = encodeTexts(vocabulary);
        List<Tag> all = new java.util.ArrayList<>(vocabulary.size());
        for (int i = 0; i < vocabulary.size(); i++) {
            all.add(new Tag(vocabulary.get(i), Vectors.dot(imageVector, words.get(i))));
        }
        all.sort((a, b) -> Float.compare(b.score(), a.score()));
        return List.copyOf(all.subList(0, Math.min(k, all.size())));
    }

    /**
     * Zero-shot tags of an image. Models may tag from more than the stored vector (the builtin model uses its
     * classifier's logits of the image and its mirror); this default encodes the image and scores its vector.
     */
    default List<Tag> tags(BufferedImage image, List<String> vocabulary, int k) {
        return tags(encodeImage(image).get(info().textSpace()), vocabulary, k);
    }

    /** The words {@link #tags} uses when the user gives no vocabulary. */
    List<String> defaultTagVocabulary();

    /** The blend weight of the visual space for image-to-image search, 0 = semantic only. */
    default float visualWeight() {
        return 0f;
    }

    /**
     * The model's own reading of a text-to-image cosine as a match probability, when it has one (SigLIP's sigmoid
     * with its trained scale and bias, or a calibration its descriptor records); empty when the engine has to
     * measure one (docs/quality.md).
     */
    default java.util.Optional<Relevance> relevance() {
        return java.util.Optional.empty();
    }

    /**
     * The least probability at which one of this model's labels ({@link ImageVectors#labels()}) counts as a label
     * for filters; below it the index keeps the probability only as evidence for ranking ({@link #namedLabels}).
     * 0 for models without labels.
     */
    default float labelThreshold() {
        return 0f;
    }

    /**
     * The model's labels a text query names ("an animal" → animal, "two dogs" → dog), with the weight their
     * probability carries next to the cosine when the engine ranks that query's images ({@link NamedLabels});
     * empty when the text names none or the model has no labels.
     */
    default java.util.Optional<NamedLabels> namedLabels(String text) {
        return java.util.Optional.empty();
    }

    @Override
    void close();
}
