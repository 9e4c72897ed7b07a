package dev.loupe.lab.cli;

import dev.loupe.engine.SessionOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * What every command that trains on a user's index and registers the result there takes ({@code train head}; the
 * same options as {@code train composer}): the index, its model, the name to register under, whether to replace,
 * JSON output; and the held-out table row both print.
 */
public final class IndexTrainingOptions {
    @Option(names = "--index", paramLabel = "DIR", required = true,
            description = "the index (built with 'loupe index')")
    Path index;

    @Option(names = "--model", defaultValue = "builtin", description = "the model that built the index; "
            + "default ${DEFAULT-VALUE}")
    String model;

    @Option(names = "--name", required = true, description = "the name to register it under")
    String name;

    @Option(names = "--force", description = "replace one registered under the same name")
    boolean force;

    @Option(names = "--json", description = "print the summary as JSON on stdout")
    boolean json;

    /** A read session on the index. */
    SessionOptions session() {
        return SessionOptions.fromEnvironment(System.getenv()).withModel(model).withIndexDir(index)
                .withAccess(SessionOptions.Access.READ);
    }

    /** One row of a held-out table: the label and each metric with one decimal. */
    static void row(StringBuilder b, String label, Map<String, Double> metrics) {
        b.append("| ").append(label).append(" |");
        metrics.values().forEach(v -> b.append(String.format(Locale.ROOT, " %.1f |", v)));
        b.append('\n');
    }
}
