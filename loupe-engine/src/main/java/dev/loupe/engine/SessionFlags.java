package dev.loupe.engine;

import dev.loupe.models.image.DecodeOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/**
 * The command-line flags that choose a session — {@code --model}, {@code --index}, {@code --threads},
 * {@code --max-pixels} — as one picocli mixin, so every command (search, index, serve, classify …) spells, checks
 * and documents them the same way and turns them into {@link SessionOptions} here.
 */
public final class SessionFlags {
    @Option(names = "--index", paramLabel = "DIR", description = "Index folder (default: one per model: "
            + "$LOUPE_HOME/index (or ~/.loupe/index) for the builtin model, index-NAME beside it for the others).")
    Path index;

    @Option(names = "--model", paramLabel = "NAME", description = "Model to embed with (default: ${DEFAULT-VALUE}; "
            + "see 'loupe models list').")
    String model = ModelLoader.BUILTIN;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for decoding and the model, 1 to 4 × cores "
            + "(default: all cores).")
    int threads = SessionOptions.defaultThreads();

    @Option(names = "--max-pixels", paramLabel = "MP",
            description = "Refuse images larger than this many megapixels (decompression-bomb guard; default: 150).")
    double maxMegapixels = DecodeOptions.DEFAULT_MAX_PIXELS / 1e6;

    /** The session the flags describe, in the process's environment, with the given access to the index. */
    public SessionOptions options(SessionOptions.Access access) {
        return options(access, System.getenv());
    }

    /** The session the flags describe in {@code env} ({@code LOUPE_HOME}, {@code LOUPE_MODEL_MIRROR}). */
    public SessionOptions options(SessionOptions.Access access, Map<String, String> env) {
        if (!(maxMegapixels > 0) || maxMegapixels > 10_000) {
            throw new IllegalArgumentException("--max-pixels must be a number of megapixels above 0 and at most "
                    + "10000, got " + maxMegapixels);
        }
        return SessionOptions.fromEnvironment(env)
                .withModel(model)
                .withIndexDir(index)
                .withAccess(access)
                .withThreads(threads)
                .withMaxPixels((long) (maxMegapixels * 1e6));
    }

    /** The threads asked for (checked when the session opens). */
    public int threads() {
        return threads;
    }
}
