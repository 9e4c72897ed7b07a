package dev.loupe.cli;

import dev.loupe.engine.Loupe;
import dev.loupe.engine.OptionRanges;
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

    @Option(names = "--hierarchy", description = "Also show each word's probability and its place in the class "
            + "hierarchy (tabby cat < cat < … < animal); --json always includes them.")
    boolean hierarchy;

    @Parameters(paramLabel = "IMAGE", description = "An image file.")
    Path image;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OptionRanges.between("-k", k, 1, 1000);
        List<String> words = vocab == null ? null : TagVocabulary.fromFile(vocab).words();
        try (Loupe loupe = common.open(SessionOptions.Access.NONE)) {
            Output.tags(spec.commandLine().getOut(), loupe.tags(image, words, k), common.json,
                    hierarchy);
        }
        return 0;
    }
}
