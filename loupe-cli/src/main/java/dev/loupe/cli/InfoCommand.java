package dev.loupe.cli;

import dev.loupe.engine.Loupe;
import dev.loupe.engine.SessionOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "info", mixinStandardHelpOptions = true, description = "Show the index: model, number of images, size on disk.")
final class InfoCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Loupe loupe = common.open(SessionOptions.Access.READ)) {
            Map<String, Object> info = new LinkedHashMap<>(loupe.index().stats());
            info.put("modelName", loupe.modelName());
            info.put("images", loupe.index().count());
            info.put("bytesOnDisk", loupe.index().sizeOnDiskBytes());
            info.put("spaces", loupe.model().info().spaces().stream()
                    .map(s -> Map.of("name", s.name(), "dimension", s.dimension())).toList());
            PrintWriter out = spec.commandLine().getOut();
            if (common.json) {
                Output.json(out, info);
            } else {
                info.forEach((key, v) -> out.printf("%-12s %s%n", key, v));
                out.flush();
            }
        }
        return 0;
    }
}
