package dev.loupe.cli;

import dev.loupe.engine.ModelStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "list", mixinStandardHelpOptions = true, description = "Show the known models: family, installed or not, size, licence, published quality.")
final class ModelsListCommand implements Callable<Integer> {
    private static final int LICENCE_WIDTH = 60;
    private static final int QUALITY_WIDTH = 110;

    @Option(names = "--json", description = "Print one JSON object on stdout instead of text.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<ModelStatus> models = ModelsCommand.loader().list();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Output.json(out, Map.of("models", models.stream().map(ModelsCommand::json).toList()));
            return 0;
        }
        out.printf("%-30s %-10s %-9s %-9s %s%n", "NAME", "FAMILY", "INSTALLED", "SIZE", "LICENCE");
        for (ModelStatus s : models) {
            String size = s.installed() ? ModelsCommand.size(s.bytesOnDisk())
                    : "~" + ModelsCommand.size(s.downloadBytes());
            out.printf("%-30s %-10s %-9s %-9s %s%n", s.name(), s.family(), s.installed() ? "yes" : "no", size,
                    cut(s.licence(), LICENCE_WIDTH));
            out.printf("  %s%s%n", cut(s.quality(), QUALITY_WIDTH),
                    s.languages() == null ? "" : " — text: " + s.languages());
        }
        out.println("Install one with 'loupe models install NAME', use it with '--model NAME'; "
                + "files, checksums and published quality with --json.");
        out.flush();
        return 0;
    }

    private static String cut(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}
