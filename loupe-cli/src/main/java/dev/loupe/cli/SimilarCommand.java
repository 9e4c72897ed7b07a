package dev.loupe.cli;

import dev.loupe.core.query.QueryExpr;
import dev.loupe.engine.Loupe;
import dev.loupe.engine.SessionOptions;
import dev.loupe.engine.search.SearchRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "similar", mixinStandardHelpOptions = true,
        description = "Find images like IMAGE (indexed or not; an indexed IMAGE is listed too, usually first).")
final class SimilarCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "-k", paramLabel = "N", description = "How many results (default: ${DEFAULT-VALUE}).")
    int k = 10;

    @Option(names = "--visual-weight", paramLabel = "W",
            description = "Blend weight of the visual space, 0..1 (default: the model's measured value).")
    Float visualWeight;

    @Option(names = "--exact", description = "Score every indexed image instead of the HNSW candidates.")
    boolean exact;

    @Mixin
    FilterOptions filters;

    @Parameters(paramLabel = "IMAGE", description = "An image file.")
    Path image;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var filter = filters.filter();
        var sort = filters.sort();
        SearchRequest request = SearchRequest.of(QueryExpr.imagePath(image.toString()), k).withFilter(filter)
                .withVisualWeight(visualWeight).withIncludeQueryImages(true).withExact(exact).withSort(sort);
        try (Loupe loupe = common.open(SessionOptions.Access.READ)) {
            Output.hits(spec.commandLine().getOut(), loupe.search(request), common.json, loupe.index()::labels);
        }
        return 0;
    }
}
