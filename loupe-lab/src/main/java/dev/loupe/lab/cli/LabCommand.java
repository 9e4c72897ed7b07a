package dev.loupe.lab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code loupe-lab} command: training and benchmarks, kept out of the {@code loupe} product. */
@Command(name = "loupe-lab", mixinStandardHelpOptions = true, versionProvider = LabCommand.Version.class,
        description = "Loupe's lab: train composers and projections, run the benchmarks and write reports.",
        subcommands = {TrainCommand.class, EvalCommand.class})
public final class LabCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code loupe-lab --version}: Loupe's one version string ({@link dev.loupe.core.Version}). */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"loupe-lab " + dev.loupe.core.Version.LOUPE};
        }
    }
}
