package dev.loupe.models.clip;

import dev.loupe.models.image.ResampleFilter;

import java.util.Objects;

/**
 * How a CLIP-style image encoder wants its input prepared: resize so the shorter side is {@code size}, centre-crop
 * {@code crop x crop}, scale bytes to [0, 1], then subtract {@code mean} and divide by {@code std} per channel.
 * Model descriptors carry one of these; {@link #CLIP} is OpenAI CLIP's.
 *
 * @param size     length of the shorter side after resizing, in pixels
 * @param crop     side of the square centre crop, at most {@code size}
 * @param mean     per-channel mean of [0, 1]-scaled pixels
 * @param std      per-channel standard deviation, all positive
 * @param resample the resize kernel
 */
public record ImagePreprocessing(int size, int crop, Rgb mean, Rgb std, ResampleFilter resample) {
    /** OpenAI CLIP (and OpenCLIP's LAION models): 224, bicubic, CLIP's dataset mean and std. */
    public static final ImagePreprocessing CLIP = new ImagePreprocessing(224, 224,
            new Rgb(0.48145466, 0.4578275, 0.40821073), new Rgb(0.26862954, 0.26130258, 0.27577711),
            ResampleFilter.BICUBIC);

    public ImagePreprocessing {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(std, "std");
        Objects.requireNonNull(resample, "resample");
        if (size <= 0 || crop <= 0) {
            throw new IllegalArgumentException("size and crop must be positive, got size " + size + ", crop " + crop);
        }
        if (crop > size) {
            throw new IllegalArgumentException("crop " + crop + " is larger than the resized shorter side " + size);
        }
        if (!(std.r() > 0 && std.g() > 0 && std.b() > 0)) {
            throw new IllegalArgumentException("std must be positive in every channel, got " + std);
        }
    }
}
