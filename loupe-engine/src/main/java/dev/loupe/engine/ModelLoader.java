package dev.loupe.engine;

import dev.loupe.core.Model;
import dev.loupe.models.builtin.BuiltinModel;
import dev.loupe.models.builtin.BuiltinRecipe;
import dev.loupe.models.store.BuiltinModelFiles;
import dev.loupe.models.store.ModelStore;
import dev.loupe.models.store.ProgressListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;

/** Installs (from the mirror or upstream, verified) and opens models by name. */
public final class ModelLoader {
    public static final String BUILTIN = "builtin";

    private final LoupeHome home;
    private final Function<String, String> env;

    public ModelLoader(LoupeHome home, Function<String, String> env) {
        this.home = home;
        this.env = env;
    }

    public ModelStore store() {
        return new ModelStore(home.models(), env, ModelStore.defaultHttpClient());
    }

    /** Opens the named model; only {@code builtin} is known to this loader so far. */
    public Model open(String name, int threads, ProgressListener progress) {
        if (!BUILTIN.equals(name)) {
            throw new IllegalArgumentException("unknown model '" + name + "'; known: " + BUILTIN);
        }
        try {
            BuiltinModelFiles.Paths files = BuiltinModelFiles.installBuiltin(store(), progress);
            return new BuiltinModel(files.pooledModel(), BuiltinModelFiles.POOLED_OUTPUT, files.labels(),
                    home.models().resolve("embeddings"), BuiltinRecipe.DEFAULT, threads);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
