package dev.loupe.learn.train;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Frozen encoders whose vectors a composer head is trained on, so that the composer works in an existing space
 * (e.g. the engine's {@code semantic} space with its own text encoder). Only the head learns.
 *
 * @param space        the image space's name (written into the composer file; the engine checks it)
 * @param imageEncoder the encoder's identity (e.g. a model fingerprint)
 * @param images       encodes images into {@code space}
 * @param text         encodes modification texts
 */
public record FrozenEncoders(String space, String imageEncoder, Function<List<BufferedImage>, List<float[]>> images,
                             TextEmbedding text) {
    public FrozenEncoders {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(imageEncoder, "imageEncoder");
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(text, "text");
    }
}
