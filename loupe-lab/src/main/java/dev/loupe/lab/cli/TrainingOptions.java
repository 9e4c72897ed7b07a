package dev.loupe.lab.cli;

import dev.loupe.datasets.FashionMnist;
import dev.loupe.learn.experiment.Scale;
import dev.loupe.learn.train.ComposeConfig;
import dev.loupe.learn.train.DeviseConfig;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by {@code train} and {@code eval}: dataset, sizes and hyper-parameters. */
public final class TrainingOptions {
    @Option(names = "--dataset", defaultValue = "css-like",
            description = "css-like, fashion-color, fashion200k or mit-states (devise always uses fashion-mnist); "
                    + "default ${DEFAULT-VALUE}")
    String dataset;

    @Option(names = "--data", description = "dataset folder (Fashion-MNIST IDX files for fashion-color and devise, "
            + "default $LOUPE_SHARED/datasets/fashion-mnist, else ../shared/datasets/fashion-mnist; the Fashion200k "
            + "or MIT-States root)")
    Path data;

    @Option(names = "--scale", defaultValue = "small", description = "size preset: tiny, small or full; "
            + "default ${DEFAULT-VALUE}")
    String scale;

    @Option(names = "--steps", description = "optimizer steps (default: from --scale)")
    Integer steps;

    @Option(names = "--batch", defaultValue = "32", description = "batch size; default ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--lr", defaultValue = "0.001", description = "Adam learning rate; default ${DEFAULT-VALUE}")
    float lr;

    @Option(names = "--embed-dim", defaultValue = "128", description = "image embedding size; default ${DEFAULT-VALUE}")
    int embedDim;

    @Option(names = "--text-dim", defaultValue = "128", description = "LSTM hidden size; default ${DEFAULT-VALUE}")
    int textDim;

    @Option(names = "--hidden", defaultValue = "256", description = "composer MLP width; default ${DEFAULT-VALUE}")
    int hidden;

    @Option(names = "--cnn-width", defaultValue = "16", description = "channels of the first CNN layer; "
            + "default ${DEFAULT-VALUE}")
    int cnnWidth;

    @Option(names = "--dataset-seed", defaultValue = "1", description = "seed of the generated data (kept fixed "
            + "across training seeds); default ${DEFAULT-VALUE}")
    long datasetSeed;

    @Option(names = "--held-out", split = ",", description = "devise: held-out Fashion-MNIST class indices; "
            + "default 2,5,6,9 (pullover, sandal, shirt, ankle boot)")
    List<Integer> heldOut;

    @Option(names = "--margin", defaultValue = "0.2", description = "analogy: hinge loss margin; default ${DEFAULT-VALUE}")
    float margin;

    Scale scale() {
        return Scale.parse(scale);
    }

    ComposeConfig compose(String method, long seed) {
        return new ComposeConfig(method, steps != null ? steps : scale().steps, batch, lr, embedDim, textDim, hidden,
                cnnWidth, seed);
    }

    DeviseConfig devise(long seed) {
        Scale s = scale();
        int cls = steps != null ? steps : s.deviseClassifierSteps;
        int proj = steps != null ? Math.max(1, steps / 2) : s.deviseProjectionSteps;
        return new DeviseConfig(s.deviseTrain, s.deviseTest, cls, proj, Math.max(batch, 64), lr, embedDim, cnnWidth,
                heldOut == null ? DeviseConfig.DEFAULT_HELD_OUT : heldOut, seed);
    }

    Path fashionMnist() {
        return data != null ? data : FashionMnist.defaultFolder();
    }
}
