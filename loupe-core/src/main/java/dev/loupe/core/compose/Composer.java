package dev.loupe.core.compose;

/**
 * Composes a reference image's vector with a modification text's vector into a query vector that lies in the
 * image space, e.g. [photo of a red dress] + "make it blue" to find the blue dress. Implementations are plain
 * float math (no native code), immutable and thread-safe; they are loaded from a {@link ComposerFile}.
 *
 * <p>A projection (DeViSE) is a composer with {@link #textDim()} 0: it ignores the text and maps the image
 * vector into another space.
 */
public interface Composer {
    /**
     * @param image the reference image's vector ({@link #imageDim()} floats)
     * @param text  the modification text's vector ({@link #textDim()} floats); may be null when textDim is 0
     * @return the composed query vector ({@link #outputDim()} floats), not normalized
     */
    float[] compose(float[] image, float[] text);

    int imageDim();

    int textDim();

    int outputDim();
}
