package dev.loupe.learn.train;

import java.util.Locale;

/**
 * Settings of a {@link GarmentEncoderTrainer} run.
 *
 * @param epochs   passes over the training images
 * @param batch    images per step
 * @param lr       peak Adam learning rate (cosine decay to zero over the run)
 * @param width    channels of the CNN's first convolution
 * @param hidden   size of the CNN's feature layer
 * @param scale    multiplier of the cosines between image and class vectors that serve as logits
 * @param dropout  dropout on the CNN's features while training
 * @param augment  random horizontal flips and shifts of up to two pixels while training
 * @param seed     seed of the initial weights, batch order and augmentation
 */
public record GarmentEncoderConfig(int epochs, int batch, float lr, int width, int hidden, float scale, float dropout,
                                   boolean augment, long seed) {
    public GarmentEncoderConfig {
        if (epochs < 1 || batch < 2 || !(lr > 0) || width < 1 || hidden < 1 || !(scale > 0) || dropout < 0
                || dropout >= 1) {
            throw new IllegalArgumentException("garment encoder: epochs >= 1, batch >= 2, lr > 0, width and hidden"
                    + " >= 1, scale > 0 and dropout in [0, 1) are required; got " + this);
        }
    }

    /** The settings of the published run: 5 epochs of batch 128, widths 32/64/128, 256 features. */
    public static GarmentEncoderConfig defaults() {
        return new GarmentEncoderConfig(5, 128, 2e-3f, 32, 256, 16f, 0.3f, true, 42);
    }

    public GarmentEncoderConfig withEpochs(int e) {
        return new GarmentEncoderConfig(e, batch, lr, width, hidden, scale, dropout, augment, seed);
    }

    public GarmentEncoderConfig withSeed(long s) {
        return new GarmentEncoderConfig(epochs, batch, lr, width, hidden, scale, dropout, augment, s);
    }

    public GarmentEncoderConfig withSize(int w, int h) {
        return new GarmentEncoderConfig(epochs, batch, lr, w, h, scale, dropout, augment, seed);
    }

    /** Every setting in one line, for cache keys and reports. */
    public String describe() {
        return String.format(Locale.ROOT, "epochs=%d batch=%d lr=%s width=%d hidden=%d scale=%s dropout=%s augment=%s"
                + " seed=%d", epochs, batch, lr, width, hidden, scale, dropout, augment, seed);
    }
}
