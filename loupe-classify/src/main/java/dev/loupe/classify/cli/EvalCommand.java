package dev.loupe.classify.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code loupe eval}: the benchmarks. Holds {@code classify}; other modules' evaluations can be added as further
 * subcommands (picocli's {@code addSubcommand}).
 */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Run a benchmark and write a report.",
        subcommands = {EvalClassifyCommand.class})
public final class EvalCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
