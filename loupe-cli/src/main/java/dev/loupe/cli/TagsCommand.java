package dev.loupe.cli;

import dev.loupe.engine.Loupe;
import dev.loupe.engine.SessionOptions;
import dev.loupe.models.tags.TagVocabulary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "tags", mixinStandardHelpOptions = true, description = "Say what is in IMAGE: zero-shot tags from a vocabulary (no index needed).")
final class TagsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "-k", paramLabel = "N", description = "How many tags (default: ${DEFAULT-VALUE}).")
    int k = 10;

    @Option(names = "--vocab", paramLabel = "FILE", description = "Words to score, one per line (replaces the default vocabulary).")
    Path vocab;

    @Parameters(paramLabel = "IMAGE", description = "An image file.")
    Path image;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (k < 1) {
            throw new IllegalArgumentException("-k must be at least 1, got " + k);
        }
        List<String> words = vocab == null ? null : TagVocabulary.fromFile(vocab).words();
        try (Loupe loupe = common.open(SessionOptions.Access.NONE)) {
            Output.tags(spec.commandLine().getOut(), loupe.tags(image, words, k), common.json);
        }
        return 0;
    }
}
