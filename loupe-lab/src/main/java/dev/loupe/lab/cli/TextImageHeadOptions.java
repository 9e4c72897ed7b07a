package dev.loupe.lab.cli;

import dev.loupe.learn.train.TextImageHeadTrainer;
import picocli.CommandLine.Option;

/**
 * Hyper-parameters of a text→image head (DeViSE, VSE) trained over frozen index vectors, shared by {@code train
 * head} and {@code eval heads} so that the evaluation trains exactly what a user's command would.
 */
public final class TextImageHeadOptions {
    @Option(names = "--steps", defaultValue = "600", description = "optimizer steps; default ${DEFAULT-VALUE}")
    int steps;

    @Option(names = "--batch", defaultValue = "64", description = "pairs per step (VSE's contrastive negatives); "
            + "default ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--lr", defaultValue = "0.001", description = "Adam learning rate; default ${DEFAULT-VALUE}")
    float lr;

    @Option(names = "--margin", defaultValue = "0.2", description = "VSE's hinge margin alpha; default "
            + "${DEFAULT-VALUE}")
    float margin;

    @Option(names = "--joint", defaultValue = "256", description = "VSE's joint dimension; default ${DEFAULT-VALUE}")
    int joint;

    /** The training configuration of {@code method} with {@code seed}. */
    TextImageHeadTrainer.Config config(String method, long seed) {
        return new TextImageHeadTrainer.Config(method, steps, batch, lr, margin, joint, seed);
    }
}
