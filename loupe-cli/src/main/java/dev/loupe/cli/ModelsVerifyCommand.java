package dev.loupe.cli;

import dev.loupe.engine.FileCheck;
import dev.loupe.engine.ModelLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "verify", mixinStandardHelpOptions = true, description = "Re-hash installed model files against the checksums they were installed "
        + "with; exit 1 if any is missing or changed.")
final class ModelsVerifyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", arity = "0..1", description = "One model (default: every installed model).")
    String name;

    @Option(names = "--json", description = "Print one JSON object on stdout instead of text.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ModelLoader loader = ModelsCommand.loader();
        List<FileCheck> checks = name == null ? loader.verifyInstalled() : loader.verify(name);
        long bad = checks.stream().filter(c -> !c.ok()).count();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ok", bad == 0);
            m.put("files", checks.stream().map(ModelsCommand::json).toList());
            Output.json(out, m);
        } else {
            if (checks.isEmpty()) {
                out.println("no models are installed");
            }
            checks.forEach(c -> out.println(c.message()));
            out.flush();
        }
        if (bad > 0) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("loupe: " + bad + " of " + checks.size() + " model files failed verification; reinstall "
                    + "them with 'loupe models install NAME'");
            err.flush();
            return Errors.FAILED;
        }
        return 0;
    }
}
