package dev.loupe.learn.experiment;

import ai.djl.ndarray.NDManager;
import dev.loupe.core.compose.ComposerFile;
import dev.loupe.datasets.FashionMnist;
import dev.loupe.learn.data.ComposeData;
import dev.loupe.learn.report.ExperimentResult;
import dev.loupe.learn.report.RunResult;
import dev.loupe.learn.train.ComposeConfig;
import dev.loupe.learn.train.ComposeTrainer;
import dev.loupe.learn.train.DeviseConfig;
import dev.loupe.learn.train.DeviseTrainer;
import dev.loupe.learn.train.LossCurve;
import dev.loupe.learn.train.TextEmbedding;
import dev.loupe.learn.train.Torch;
import dev.loupe.learn.train.VseTrainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the three experiments over methods and seeds: composed retrieval (R@K), analogy measures in a learned
 * visual-semantic embedding (sum vs diff) and DeViSE zero-shot. Each run gets its own NDManager, freed after it.
 *
 * @param monitor  progress sink
 * @param saveDir  where trained composer/projection files go (null: not saved)
 */
public record Experiments(Monitor monitor, Path saveDir) {
    /** Trains every method for every seed; seeds are 1..seeds. */
    public ExperimentResult compose(ComposeData data, ComposeConfig base, List<String> methods, int seeds) {
        List<RunResult> runs = new ArrayList<>();
        for (String method : methods) {
            for (long seed = 1; seed <= seeds; seed++) {
                ComposeConfig c = base.withMethod(method).withSeed(seed);
                try (NDManager m = Torch.newManager(seed)) {
                    ComposeTrainer.Result r = ComposeTrainer.train(m, data, c,
                            monitor.begin(data.name() + " " + method + " seed " + seed, c.steps()));
                    RunResult rr = result(method, seed, r.metrics(), r.losses(), r.seconds());
                    if (saveDir != null) {
                        ComposerFile f = r.model().toFile(data.name(), r.metrics());
                        f.save(saveDir.resolve(data.name() + "-" + method + "-seed" + seed + ".lcmp"));
                    }
                    monitor.end(rr);
                    runs.add(rr);
                }
            }
        }
        return new ExperimentResult("compose", data.name(), String.format(Locale.ROOT,
                "%s; %d steps, batch %d, Adam lr %s (x0.1 for the last quarter), embedding %d, LSTM %d, MLP %d, CNN width %d; batch-softmax loss.",
                data, base.steps(), base.batch(), base.lr(), base.embedDim(), base.textDim(), base.hidden(),
                base.cnnWidth()), runs);
    }

    /** Learns a VSE (hinge loss) per seed and scores the sum and diff analogy measures. */
    public ExperimentResult analogy(ComposeData data, ComposeConfig base, float margin, int seeds) {
        List<RunResult> runs = new ArrayList<>();
        for (long seed = 1; seed <= seeds; seed++) {
            ComposeConfig c = base.withSeed(seed);
            try (NDManager m = Torch.newManager(seed)) {
                VseTrainer.Result r = VseTrainer.train(m, data, c, margin,
                        monitor.begin(data.name() + " vse seed " + seed, c.steps()));
                RunResult rr = result("vse", seed, r.metrics(), r.losses(), r.seconds());
                monitor.end(rr);
                runs.add(rr);
            }
        }
        return new ExperimentResult("analogy", data.name(), String.format(Locale.ROOT,
                "%s; VSE with hinge ranking loss (margin %s), %d steps, batch %d, Adam lr %s (x0.1 for the last quarter), joint space %d, CNN width %d. "
                        + "sum: cos(X, img - sub + add); diff: cos(X - img, add - sub).",
                data, margin, base.steps(), base.batch(), base.lr(), base.embedDim(), base.cnnWidth()), runs);
    }

    /** DeViSE per seed with the given text embedding. */
    public ExperimentResult devise(FashionMnist train, FashionMnist test, DeviseConfig base, TextEmbedding text,
                                   int seeds) {
        List<RunResult> runs = new ArrayList<>();
        for (long seed = 1; seed <= seeds; seed++) {
            DeviseConfig c = base.withSeed(seed);
            try (NDManager m = Torch.newManager(seed)) {
                DeviseTrainer.Result r = DeviseTrainer.train(m, train, test, c, text,
                        monitor.begin("devise seed " + seed, c.classifierSteps() + c.projectionSteps()));
                RunResult rr = result("devise", seed, r.metrics(), r.projectionLosses(), r.seconds());
                if (saveDir != null) {
                    r.projection().save(saveDir.resolve("fashion-mnist-devise-seed" + seed + ".lcmp"));
                }
                monitor.end(rr);
                runs.add(rr);
            }
        }
        List<String> held = base.heldOut().stream().map(FashionMnist.NOUNS::get).toList();
        return new ExperimentResult("devise", "fashion-mnist", String.format(Locale.ROOT,
                "Fashion-MNIST, %d training / %d test images; held-out classes %s; CNN classifier %d steps on the seen "
                        + "classes, then a linear projection %d steps (cosine loss) onto '%s' vectors (%d-d) of the class "
                        + "descriptions; batch %d, lr %s. zero-shot hit@k ranks the held-out classes only, generalized "
                        + "hit@k all ten (loss column: projection).",
                base.trainItems(), base.testItems(), held, base.classifierSteps(), base.projectionSteps(), text.space(),
                text.dim(), base.batch(), base.lr()), runs);
    }

    private static RunResult result(String label, long seed, java.util.Map<String, Double> metrics, LossCurve curve,
                                    double seconds) {
        return new RunResult(label, seed, metrics, curve.head(0.1), curve.tail(0.1), seconds);
    }
}
