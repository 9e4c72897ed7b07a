package dev.loupe.cli;

import picocli.CommandLine.Command;

/** The {@code loupe} command: one subcommand per job. */
@Command(name = "loupe", mixinStandardHelpOptions = true, versionProvider = LoupeCommand.Versions.class,
        description = "Multimodal image search: find photos by words, by example, and ask what is in them.",
        subcommands = {IndexCommand.class, SearchCommand.class, SimilarCommand.class, DuplicatesCommand.class, TagsCommand.class,
                InfoCommand.class, CheckCommand.class, BenchCommand.class, ModelsCommand.class, ServeCommand.class,
                dev.loupe.classify.cli.ClassifyCommand.class})
public final class LoupeCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** {@code loupe --version}: the one version string ({@link dev.loupe.core.Version}). */
    static final class Versions implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"loupe " + dev.loupe.core.Version.LOUPE};
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
