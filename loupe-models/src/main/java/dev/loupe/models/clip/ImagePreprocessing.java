package dev.loupe.models.clip;

import dev.loupe.models.image.ResampleFilter;

import java.util.Objects;

/**
 * How a CLIP-style image encoder wants its input prepared: resize ({@link ResizeMode#SHORTEST}: so the shorter
 * side is {@code size}, then centre-crop {@code crop x crop}; {@link ResizeMode#SQUASH}: straight to
 * {@code size x size}), scale bytes to [0, 1], then subtract {@code mean} and divide by {@code std} per channel.
 * Model descriptors carry one of these; {@link #CLIP} is OpenAI CLIP's.
 *
 * @param size     length of the shorter side after resizing (squash: both sides), in pixels
 * @param crop     side of the square centre crop, at most {@code size}; equal to it when squashing
 * @param mean     per-channel mean of [0, 1]-scaled pixels
 * @param std      per-channel standard deviation, all positive
 * @param resample the resize kernel
 * @param resize   shorter side + centre crop, or squash
 */
public record ImagePreprocessing(int size, int crop, Rgb mean, Rgb std, ResampleFilter resample, ResizeMode resize) {
    /** OpenAI CLIP (and OpenCLIP's LAION models): 224, bicubic, CLIP's dataset mean and std. */
    public static final ImagePreprocessing CLIP = new ImagePreprocessing(224, 224,
            new Rgb(0.48145466, 0.4578275, 0.40821073), new Rgb(0.26862954, 0.26130258, 0.27577711),
            ResampleFilter.BICUBIC);

    public ImagePreprocessing {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(std, "std");
        Objects.requireNonNull(resample, "resample");
        resize = resize == null ? ResizeMode.SHORTEST : resize;
        if (size <= 0 || crop <= 0) {
            throw new IllegalArgumentException("size and crop must be positive, got size " + size + ", crop " + crop);
        }
        if (crop > size) {
            throw new IllegalArgumentException("crop " + crop + " is larger than the resized shorter side " + size);
        }
        if (resize == ResizeMode.SQUASH && crop != size) {
            throw new IllegalArgumentException("resizeMode 'squash' resizes to size x size and crops nothing, so crop "
                    + "must equal size (" + size + "), got " + crop);
        }
        if (!(std.r() > 0 && std.g() > 0 && std.b() > 0)) {
            throw new IllegalArgumentException("std must be positive in every channel, got " + std);
        }
    }

    /** Shorter side + centre crop, as CLIP. */
    public ImagePreprocessing(int size, int crop, Rgb mean, Rgb std, ResampleFilter resample) {
        this(size, crop, mean, std, resample, ResizeMode.SHORTEST);
    }

    /**
     * The settings as a model's identity records them. Kept to the text the record printed before resize modes
     * existed (plus the mode when it is not the default), so that indexes built by CLIP models stay readable.
     */
    String identity() {
        String legacy = "ImagePreprocessing[size=" + size + ", crop=" + crop + ", mean=" + mean + ", std=" + std
                + ", resample=" + resample + "]";
        return resize == ResizeMode.SHORTEST ? legacy : legacy + " resize=" + resize.configName();
    }
}
