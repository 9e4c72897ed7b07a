package dev.loupe.cli;

import dev.loupe.engine.ModelLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "remove", mixinStandardHelpOptions = true, description = "Delete a model's files from the model cache (indexes are kept).")
final class ModelsRemoveCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "The model to remove.")
    String name;

    @Option(names = "--json", description = "Print one JSON object on stdout instead of text.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ModelLoader loader = ModelsCommand.loader();
        long bytes = loader.status(name).bytesOnDisk();
        boolean removed = loader.remove(name);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("removed", removed);
            m.put("freedBytes", removed ? bytes : 0);
            Output.json(out, m);
        } else {
            out.println(removed ? "removed " + name + " (" + ModelsCommand.size(bytes) + " freed)"
                    : "model " + name + " was not installed; nothing to remove");
            out.flush();
        }
        return 0;
    }
}
