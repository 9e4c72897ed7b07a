package dev.loupe.learn.train;

import java.util.List;

/**
 * Settings of a DeViSE run on Fashion-MNIST.
 *
 * @param trainItems       training images read (only seen classes are used)
 * @param testItems        test images read
 * @param classifierSteps  steps of the CNN classifier on the seen classes
 * @param projectionSteps  steps of the projection into the text space (cosine loss, CNN frozen)
 * @param batch            batch size
 * @param lr               Adam learning rate
 * @param embedDim         CNN feature size
 * @param cnnWidth         channels of the CNN's first layer
 * @param heldOut          class indices never seen in training (zero-shot classes)
 * @param seed             random seed
 */
public record DeviseConfig(int trainItems, int testItems, int classifierSteps, int projectionSteps, int batch,
                           float lr, int embedDim, int cnnWidth, List<Integer> heldOut, long seed) {
    /** Pullover, sandal, shirt and ankle boot: each has a related seen class (coat, sneaker, t-shirt). */
    public static final List<Integer> DEFAULT_HELD_OUT = List.of(2, 5, 6, 9);

    public DeviseConfig {
        heldOut = List.copyOf(heldOut);
        if (heldOut.size() < 2 || heldOut.stream().anyMatch(c -> c < 0 || c > 9) || heldOut.size() > 8) {
            throw new IllegalArgumentException("--held-out needs 2 to 8 distinct class indices in 0..9, got " + heldOut);
        }
        if (trainItems <= 0 || testItems <= 0 || classifierSteps <= 0 || projectionSteps <= 0 || batch < 2 || lr <= 0) {
            throw new IllegalArgumentException("devise: item counts, steps and lr must be positive, batch at least 2");
        }
    }

    public DeviseConfig withSeed(long s) {
        return new DeviseConfig(trainItems, testItems, classifierSteps, projectionSteps, batch, lr, embedDim, cnnWidth,
                heldOut, s);
    }
}
