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

    /** The blend weight of the visual space for image-to-image search, 0 = semantic only. */
    default float visualWeight() {
        return 0f;
    }

    @Override
    void close();
}
