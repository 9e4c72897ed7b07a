package dev.loupe.cli;

import dev.loupe.engine.Loupe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "similar", mixinStandardHelpOptions = true, description = "Find images like IMAGE (indexed or not).")
final class SimilarCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "-k", paramLabel = "N", description = "How many results (default: ${DEFAULT-VALUE}).")
    int k = 10;

    @Option(names = "--visual-weight", paramLabel = "W",
            description = "Blend weight of the visual space, 0..1 (default: the model's measured value).")
    Float visualWeight;

    @Mixin
    LabelOptions labels;

    @Parameters(paramLabel = "IMAGE", description = "An image file.")
    Path image;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (visualWeight != null && (visualWeight < 0 || visualWeight > 1)) {
            throw new IllegalArgumentException("--visual-weight must be between 0 and 1, got " + visualWeight);
        }
        var filter = labels.filter();
        try (Loupe loupe = Sessions.forQueries(common)) {
            var searcher = loupe.searcher();
            float w = visualWeight != null ? visualWeight : loupe.model().visualWeight();
            Output.hits(spec.commandLine().getOut(), searcher.similar(searcher.vectorsOf(image), k, w, filter),
                    common.json, loupe.index()::labels);
        }
        return 0;
    }
}
