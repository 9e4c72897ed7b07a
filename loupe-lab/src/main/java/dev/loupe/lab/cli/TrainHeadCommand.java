package dev.loupe.lab.cli;

import dev.loupe.engine.Loupe;
import dev.loupe.engine.SessionOptions;
import dev.loupe.lab.compose.HeadTraining;
import dev.loupe.learn.train.TextImageHeadTrainer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code loupe-lab train head}: trains a DeViSE or VSE text→image head on the vectors of the user's own index and
 * registers it there, so that {@code loupe search "text" --head NAME} ranks in its space.
 */
@Command(name = "head", mixinStandardHelpOptions = true,
        description = {"Train a text->image head on your index's vectors and register it with the index as NAME.",
                "--method devise: a linear projection of the images' visual vectors onto the text space (cosine "
                        + "loss), from --folders DIR (sub-folder name = label). --method vse: an image and a text "
                        + "projection into a joint space (pairwise hinge ranking loss, in-batch negatives, both "
                        + "directions), from --captions CSV (path,caption; paths absolute or relative to the file)."})
public final class TrainHeadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--index", paramLabel = "DIR", required = true,
            description = "the index (built with 'loupe index')")
    Path index;

    @Option(names = "--model", defaultValue = "builtin", description = "the model that built the index; "
            + "default ${DEFAULT-VALUE}")
    String model;

    @Option(names = "--method", required = true, description = "devise or vse")
    String method;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Examples examples;

    static final class Examples {
        @Option(names = "--folders", paramLabel = "DIR", required = true,
                description = "indexed images in sub-folders named by their label")
        Path folders;

        @Option(names = "--captions", paramLabel = "CSV", required = true, description = "CSV rows path,caption")
        Path captions;
    }

    @Option(names = "--name", required = true, description = "the name to register the head under")
    String name;

    @Option(names = "--force", description = "replace a head registered under the same name")
    boolean force;

    @Option(names = "--image-space", defaultValue = "visual", description = "the index space the image side reads; "
            + "default ${DEFAULT-VALUE}")
    String imageSpace;

    @Option(names = "--held-out", defaultValue = "0.2", description = "fraction of the images held out to measure "
            + "R@K; default ${DEFAULT-VALUE}")
    double heldOut;

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

    @Option(names = "--seed", defaultValue = "1", description = "seed of the split, weights and batches; "
            + "default ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--json", description = "print the summary as JSON on stdout")
    boolean json;

    @Override
    public Integer call() {
        TextImageHeadTrainer.Config config = new TextImageHeadTrainer.Config(method, steps, batch, lr, margin, joint,
                seed);
        HeadTraining.Source source = examples.folders != null ? HeadTraining.Source.FOLDERS
                : HeadTraining.Source.CAPTIONS;
        Path file = examples.folders != null ? examples.folders : examples.captions;
        SessionOptions o = SessionOptions.fromEnvironment(System.getenv()).withModel(model).withIndexDir(index)
                .withAccess(SessionOptions.Access.READ);
        PrintWriter err = spec.commandLine().getErr();
        try (Loupe loupe = Loupe.open(o); TrainingBars bars = new TrainingBars(err)) {
            loupe.heads().requireFree(name, force);
            HeadTraining.Report r = HeadTraining.train(loupe, new HeadTraining.Request(source, file, heldOut, config,
                    imageSpace), bars.begin(name + " " + method, steps));
            bars.close();
            Path saved = HeadTraining.register(loupe, name, r.file(), force);
            print(r, saved);
        }
        return 0;
    }

    private void print(HeadTraining.Report r, Path saved) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", name);
            s.put("file", saved.toString());
            s.put("method", method);
            s.put("imageSpace", imageSpace);
            s.put("textSpace", r.file().metadata().space());
            s.put("model", r.file().metadata().imageEncoder());
            s.put("trainPairs", r.trainPairs());
            s.put("heldOutPairs", r.heldOutPairs());
            s.put("heldOutImages", r.heldOutImages());
            s.put("texts", r.texts());
            s.put("metrics", r.metrics());
            s.put("untrainedIndex", r.baseline());
            s.put("lossStart", r.lossStart());
            s.put("lossEnd", r.lossEnd());
            s.put("seconds", r.seconds());
            Json.print(out, s);
            return;
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%d training pairs, %d held-out pairs over %d held-out images, %d "
                + "distinct texts%n%n", r.trainPairs(), r.heldOutPairs(), r.heldOutImages(), r.texts()));
        b.append("| held-out text->image | ").append(String.join(" | ", r.metrics().keySet())).append(" |\n");
        b.append("|---|").append("---|".repeat(r.metrics().size())).append('\n');
        row(b, method + " head (trained)", r.metrics());
        row(b, "index text space (untrained)", r.baseline());
        b.append(String.format(Locale.ROOT, "%nloss %.3f → %.3f, %.0f s%n", r.lossStart(), r.lossEnd(),
                r.seconds()));
        b.append("Registered '").append(name).append("' (").append(method).append(") in ").append(saved)
                .append('\n');
        b.append("Use it: loupe search --index ").append(index).append(" \"TEXT\" --head ").append(name);
        out.println(b);
        out.flush();
    }

    private static void row(StringBuilder b, String label, Map<String, Double> metrics) {
        b.append("| ").append(label).append(" |");
        metrics.values().forEach(v -> b.append(String.format(Locale.ROOT, " %.1f |", v)));
        b.append('\n');
    }
}
