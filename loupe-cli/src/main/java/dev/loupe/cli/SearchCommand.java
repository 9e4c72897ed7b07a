package dev.loupe.cli;

import dev.loupe.engine.Loupe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

@Command(name = "search", description = "Find images by a text description, e.g. loupe search \"a cat on a sofa\".")
final class SearchCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "-k", paramLabel = "N", description = "How many results (default: ${DEFAULT-VALUE}).")
    int k = 10;

    @Parameters(paramLabel = "TEXT", arity = "1..*", description = "What to look for.")
    java.util.List<String> words;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Loupe loupe = Sessions.forQueries(common)) {
            Output.hits(spec.commandLine().getOut(), loupe.searcher().text(String.join(" ", words), k), common.json);
        }
        return 0;
    }
}
