package dev.loupe.engine;

import dev.loupe.core.IndexBackend;
import dev.loupe.index.LuceneBackend;
import dev.loupe.models.image.DecodeOptions;
import dev.loupe.models.store.ProgressListener;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Everything a {@link Loupe} session is opened with; every entry point (CLI commands, the server, the classifier)
 * builds one of these from its own flags and hands it to {@link Loupe#open}.
 *
 * @param home      where models, indexes and caches live
 * @param model     the model's name: {@code builtin}, a shipped CLIP-family name or an installed custom one
 * @param index     the index; null: the embedded index in the model's default folder
 * @param access    how the index is opened
 * @param threads   threads for decoding and the model, 1 to {@link #maxThreads()}
 * @param maxPixels images with more pixels are refused (decompression-bomb guard)
 * @param downloads progress of model downloads (the builtin model installs itself on first use)
 * @param env       the environment ({@code LOUPE_MODEL_MIRROR} is read through it)
 */
public record SessionOptions(LoupeHome home, String model, IndexBackend index, Access access, int threads,
                             long maxPixels, ProgressListener downloads, Function<String, String> env) {
    /** How a session opens its index. */
    public enum Access {
        /** No index: the model only (e.g. {@code loupe tags}). */
        NONE,
        /** An existing index, read-only. */
        READ,
        /** Read and write; created when missing. */
        WRITE,
        /** Discard what is there and write anew. */
        REBUILD
    }

    public SessionOptions {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(downloads, "downloads");
        Objects.requireNonNull(env, "env");
        if (model.isBlank()) {
            throw new IllegalArgumentException("--model is empty; give a name from 'loupe models list'");
        }
        checkThreads(threads);
        if (maxPixels < 1) {
            throw new IllegalArgumentException("--max-pixels must be positive, got " + maxPixels / 1e6 + " MP");
        }
    }

    /** The builtin model, its default index, all cores, the default pixel limit, read access. */
    public static SessionOptions defaults(LoupeHome home, Function<String, String> env) {
        return new SessionOptions(home, ModelLoader.BUILTIN, null, Access.READ, defaultThreads(),
                DecodeOptions.DEFAULT_MAX_PIXELS, ProgressListener.NONE, env);
    }

    /** The defaults for the process's environment ({@code LOUPE_HOME}, {@code LOUPE_MODEL_MIRROR}). */
    public static SessionOptions fromEnvironment(Map<String, String> env) {
        return defaults(LoupeHome.fromEnvironment(env), env::get);
    }

    public SessionOptions withModel(String name) {
        return new SessionOptions(home, name, index, access, threads, maxPixels, downloads, env);
    }

    public SessionOptions withIndex(IndexBackend backend) {
        return new SessionOptions(home, model, backend, access, threads, maxPixels, downloads, env);
    }

    /** The embedded index in {@code dir} (null: the model's default folder). */
    public SessionOptions withIndexDir(Path dir) {
        return withIndex(dir == null ? null : new LuceneBackend(dir));
    }

    public SessionOptions withAccess(Access a) {
        return new SessionOptions(home, model, index, a, threads, maxPixels, downloads, env);
    }

    public SessionOptions withThreads(int n) {
        return new SessionOptions(home, model, index, access, n, maxPixels, downloads, env);
    }

    public SessionOptions withMaxPixels(long pixels) {
        return new SessionOptions(home, model, index, access, threads, pixels, downloads, env);
    }

    public SessionOptions withDownloads(ProgressListener progress) {
        return new SessionOptions(home, model, index, access, threads, maxPixels, progress, env);
    }

    /** The index this session opens: the one given, else the embedded index in the model's default folder. */
    public IndexBackend indexBackend() {
        return index != null ? index : new LuceneBackend(ModelLoader.defaultIndex(home, model));
    }

    /** Whether the index is the model's default one (messages then suggest {@code --index DIR}). */
    public boolean defaultIndex() {
        return index == null;
    }

    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** More threads than this only add contention (and ONNX Runtime allocates per thread). */
    public static int maxThreads() {
        return 4 * Runtime.getRuntime().availableProcessors();
    }

    /** Returns {@code n} or throws with the allowed range. */
    public static int checkThreads(int n) {
        if (n < 1 || n > maxThreads()) {
            throw new IllegalArgumentException("--threads must be between 1 and " + maxThreads() + " (4 × "
                    + Runtime.getRuntime().availableProcessors() + " cores), got " + n);
        }
        return n;
    }
}
