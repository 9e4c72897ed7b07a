package dev.loupe.cli;

import dev.loupe.engine.InstallSource;
import dev.loupe.engine.ModelLoader;
import dev.loupe.engine.ModelStatus;
import dev.loupe.models.zoo.ImmichExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "install", mixinStandardHelpOptions = true, description = {"Download a model's files, verify their SHA-256 and add them to the model "
        + "cache.", "A model folder from Immich's model cache (config.json, visual/, textual/): --from DIR.",
        "Any other compatible export: --from DIR|URL --descriptor FILE."})
final class ModelsInstallCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", arity = "0..1", description = "A model from 'loupe models list' (optional "
            + "with --descriptor).")
    String name;

    @Option(names = "--from", paramLabel = "DIR|URL", description = "Take the files from this folder or URL "
            + "(by file name) instead of LOUPE_MODEL_MIRROR or the upstream URLs.")
    String from;

    @Option(names = "--descriptor", paramLabel = "FILE", description = "A model descriptor (JSON) for an export "
            + "Loupe does not ship; see docs/models.md.")
    Path descriptor;

    @Option(names = "--sha256", paramLabel = "FILE=HEX", description = "The checksum you trust for a file whose "
            + "descriptor has none (\"sha256\": null); repeatable.")
    List<String> checksums = new ArrayList<>();

    @Option(names = "--json", description = "Print one JSON object on stdout instead of text.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ModelLoader loader = ModelsCommand.loader();
        boolean immich = descriptor == null && loader.isImmichFolder(from, name);
        if (name == null && descriptor == null && !immich) {
            throw new IllegalArgumentException(from == null ? "name a model to install (see 'loupe models list'), "
                    + "give --from DIR with a model folder from Immich's model cache, or --descriptor FILE for another "
                    + "export" : ImmichExport.notAnExport(Path.of(from)));
        }
        InstallSource source = new InstallSource(from, InstallSource.parseChecksums(checksums));
        ModelStatus s;
        try (DownloadBars bars = new DownloadBars(!json)) {
            s = descriptor != null ? loader.install(descriptor, name, source, bars)
                    : immich ? loader.installFolder(Path.of(from), name, source, bars)
                    : loader.install(name, source, bars);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Output.json(out, ModelsCommand.json(s));
        } else {
            out.printf("installed %s (%d files, %s, verified) in %s%n", s.name(), s.files().size(),
                    ModelsCommand.size(s.bytesOnDisk()), s.directory());
            out.printf("use it with: loupe index --model %s PATH...%n", s.name());
            out.flush();
        }
        return 0;
    }
}
