package dev.loupe.lab.cli;

import dev.loupe.datasets.FashionMnist;
import dev.loupe.engine.duplicates.DuplicateRules;
import dev.loupe.lab.duplicates.DuplicateLab;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code loupe-lab eval duplicates}: the near-duplicate measurement of docs/quality.md (labelled set from real
 * photos, threshold choice, precision and recall) and the group count on distinct Fashion-MNIST images.
 */
@Command(name = "duplicates", mixinStandardHelpOptions = true,
        description = {"Make a labelled near-duplicate set from the photos, choose thresholds on half of it, report "
                + "precision/recall of near-duplicate pairs, and count the groups found among distinct Fashion-MNIST "
                + "test images; writes report.md and fashion-groups.png into the work folder."})
public final class EvalDuplicatesCommand implements Callable<Integer> {
    @Option(names = "--photos", paramLabel = "DIR", description = "Source photos (default: $LOUPE_SHARED/photos, "
            + "else ../shared/photos).")
    Path photos;

    @Option(names = "--data", paramLabel = "DIR", description = "Fashion-MNIST folder (default: as eval classify).")
    Path data;

    @Option(names = "--fashion", paramLabel = "N", description = "Fashion-MNIST test images to search (0: skip; "
            + "default: ${DEFAULT-VALUE}).")
    int fashion = 10_000;

    @Option(names = "--min-precision", paramLabel = "P", description = "Precision the chosen rules must reach on "
            + "the tune half (default: ${DEFAULT-VALUE}).")
    double minPrecision = 0.99;

    @Option(names = "--work", paramLabel = "DIR", description = "Work folder: the set, the indexes, the report "
            + "(default: ${DEFAULT-VALUE}).")
    Path work = Path.of("reports", "duplicates");

    @Option(names = "--threads", paramLabel = "N", description = "Threads for indexing and the pair search "
            + "(default: ${DEFAULT-VALUE}).")
    int threads = 1;

    @Option(names = "--set", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Measure on the labelled set from the photos (default: on); --no-set runs only Fashion-MNIST.")
    boolean set = true;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path source = photos != null ? photos : sharedPhotos();
        Path dataset = data != null ? data : FashionMnist.defaultFolder();
        new DuplicateLab(source, dataset, fashion, minPrecision, work, threads, DuplicateRules.DEFAULT, set)
                .run(spec.commandLine().getOut(), spec.commandLine().getErr(), CommandText.reproduce(spec));
        return 0;
    }

    private static Path sharedPhotos() {
        String shared = System.getenv("LOUPE_SHARED");
        return (shared != null ? Path.of(shared) : Path.of(System.getProperty("loupe.shared", "../shared")))
                .resolve("photos");
    }
}
