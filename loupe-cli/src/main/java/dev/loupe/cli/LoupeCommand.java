package dev.loupe.cli;

import picocli.CommandLine.Command;

/** The {@code loupe} command: one subcommand per job. */
@Command(name = "loupe", mixinStandardHelpOptions = true, version = "loupe 0.1.0",
        description = "Multimodal image search: find photos by words, by example, and ask what is in them.",
        subcommands = {IndexCommand.class, SearchCommand.class, SimilarCommand.class, TagsCommand.class,
                InfoCommand.class, CheckCommand.class, BenchCommand.class, ModelsCommand.class, dev.loupe.server.ServeCommand.class,
                dev.loupe.classify.cli.ClassifyCommand.class, dev.loupe.learn.cli.TrainCommand.class,
                dev.loupe.learn.cli.EvalCommand.class})
public final class LoupeCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
