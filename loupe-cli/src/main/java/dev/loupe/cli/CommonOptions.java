package dev.loupe.cli;

import dev.loupe.engine.LoupeHome;
import dev.loupe.engine.ModelLoader;
import dev.loupe.models.image.DecodeOptions;
import dev.loupe.models.image.ImageDecoder;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every command shares. */
final class CommonOptions {
    @Option(names = "--json", description = "Print one JSON object on stdout instead of text.")
    boolean json;

    @Option(names = "--index", paramLabel = "DIR", description = "Index folder (default: one per model: "
            + "$LOUPE_HOME/index (or ~/.loupe/index) for the builtin model, index-NAME beside it for the others).")
    Path index;

    @Option(names = "--model", paramLabel = "NAME", description = "Model to embed with (default: ${DEFAULT-VALUE}; "
            + "see 'loupe models list').")
    String model = ModelLoader.BUILTIN;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for decoding and the model (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--max-pixels", paramLabel = "MP",
            description = "Refuse images larger than this many megapixels (decompression-bomb guard; default: 150).")
    double maxMegapixels = DecodeOptions.DEFAULT_MAX_PIXELS / 1e6;

    ImageDecoder decoder() {
        if (!(maxMegapixels > 0)) {
            throw new IllegalArgumentException("--max-pixels must be positive, got " + maxMegapixels);
        }
        return new ImageDecoder(DecodeOptions.defaults().withMaxPixels((long) (maxMegapixels * 1e6)));
    }

    LoupeHome home() {
        return LoupeHome.fromEnvironment(System.getenv());
    }

    /** The index folder: {@code --index}, else the model's own default folder, so models never share one. */
    Path indexDir() {
        return index != null ? index.toAbsolutePath().normalize() : ModelLoader.defaultIndex(home(), model);
    }
}
