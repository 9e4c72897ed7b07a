package dev.loupe.lab.cli;

import picocli.CommandLine.Option;

/**
 * Hyper-parameters of a composer head trained over frozen index vectors, shared by {@code train composer} and
 * {@code eval composers} so that the evaluation trains exactly what a user's command would.
 */
public final class HeadOptions {
    @Option(names = "--steps", defaultValue = "1000", description = "optimizer steps; default ${DEFAULT-VALUE}")
    int steps;

    @Option(names = "--batch", defaultValue = "64", description = "queries per step (the batch softmax's "
            + "negatives); default ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--lr", defaultValue = "0.002", description = "Adam learning rate; default ${DEFAULT-VALUE}")
    float lr;

    @Option(names = "--loss-scale", defaultValue = "auto", description = "starting scale (inverse temperature) of the "
            + "batch softmax: a number, or auto (4 over the mean cosine distance between two training images); "
            + "default ${DEFAULT-VALUE}")
    String scale;

    @Option(names = "--hidden", defaultValue = "512", description = "composer MLP width; default ${DEFAULT-VALUE}")
    int hidden;

    /** The --loss-scale as a number, 0 for auto. */
    float lossScale() {
        if (scale.equals("auto")) {
            return 0;
        }
        try {
            float f = Float.parseFloat(scale);
            if (f > 0 && f < 1e5) {
                return f;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("--loss-scale must be auto or a number between 0 and 100000, got '"
                + scale + "'");
    }
}
