package dev.loupe.cli;

import dev.loupe.core.Model;
import dev.loupe.engine.Loupe;
import dev.loupe.engine.ModelLoader;
import dev.loupe.index.LuceneImageIndex;
import dev.loupe.models.store.ProgressListener;

import java.nio.file.Files;

/** Opens a {@link Loupe} the way each command needs it. */
final class Sessions {
    private Sessions() {
    }

    static Loupe forQueries(CommonOptions o) {
        if (!Files.isDirectory(o.indexDir()) || LuceneImageIndex.recordedModel(o.indexDir()).isEmpty()) {
            throw new IllegalStateException("no index at " + o.indexDir() + "; build one with 'loupe index PATH...'"
                    + (o.index == null ? " or pass --index DIR" : ""));
        }
        return open(o, Loupe.IndexMode.READ);
    }

    static Loupe forIndexing(CommonOptions o, boolean rebuild) {
        return open(o, rebuild ? Loupe.IndexMode.REBUILD : Loupe.IndexMode.WRITE);
    }

    static Loupe modelOnly(CommonOptions o) {
        return open(o, Loupe.IndexMode.NONE);
    }

    private static Loupe open(CommonOptions o, Loupe.IndexMode mode) {
        Model model = new ModelLoader(o.home(), System::getenv).open(ModelLoader.BUILTIN, o.threads, downloads(o));
        try {
            return Loupe.open(model, o.indexDir(), mode, o.decoder());
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static ProgressListener downloads(CommonOptions o) {
        if (o.json) {
            return ProgressListener.NONE;
        }
        return (name, done, total) -> {
            if (done == total) {
                System.err.printf("installed %s (%d KB)%n", name, done >> 10);
            }
        };
    }
}
