package dev.loupe.classify.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code loupe classify}: learn labels from labelled folders ({@code train}) and tag the index ({@code apply}). */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Learn labels from folders of examples and label every indexed image.",
        subcommands = {ClassifyTrainCommand.class, ClassifyApplyCommand.class})
public final class ClassifyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
