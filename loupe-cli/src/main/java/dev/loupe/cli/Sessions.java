package dev.loupe.cli;

import dev.loupe.core.Model;
import dev.loupe.engine.Loupe;
import dev.loupe.engine.ModelLoader;
import dev.loupe.index.IndexMismatchException;
import dev.loupe.index.LuceneImageIndex;

import java.nio.file.Files;
import java.util.Optional;

/** Opens a {@link Loupe} the way each command needs it, with the model chosen by {@code --model}. */
final class Sessions {
    private Sessions() {
    }

    static Loupe forQueries(CommonOptions o) {
        loader(o).requireInstalledOrBuiltin(o.model);
        if (!Files.isDirectory(o.indexDir()) || LuceneImageIndex.recordedModel(o.indexDir()).isEmpty()) {
            String model = ModelLoader.BUILTIN.equals(o.model) ? "" : "--model " + o.model + " ";
            throw new IllegalStateException("no index at " + o.indexDir() + "; build one with 'loupe index " + model
                    + "PATH...'" + (o.index == null ? " or pass --index DIR" : ""));
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
        Model model;
        try (DownloadBars bars = new DownloadBars(!o.json)) {
            model = loader(o).open(o.model, o.threads, bars);
        }
        try {
            return Loupe.open(model, o.indexDir(), mode, o.decoder());
        } catch (IndexMismatchException e) {
            model.close();
            throw withModelHint(e, o, model);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static ModelLoader loader(CommonOptions o) {
        return new ModelLoader(o.home(), System::getenv);
    }

    /** When the index was built by another model, says which {@code --model} would read it. */
    private static IndexMismatchException withModelHint(IndexMismatchException e, CommonOptions o, Model model) {
        Optional<String> recorded = LuceneImageIndex.recordedModel(o.indexDir());
        if (recorded.isEmpty()) {
            return e;
        }
        String id = recorded.get().substring(0, Math.max(0, recorded.get().lastIndexOf('@')));
        if (id.isEmpty() || id.equals(model.info().id())) {
            return e;
        }
        String name = id.equals(dev.loupe.models.builtin.BuiltinModel.ID) ? ModelLoader.BUILTIN : id;
        IndexMismatchException hinted = new IndexMismatchException(e.getMessage() + "; to query it with the model "
                + "that built it, pass --model " + name);
        hinted.initCause(e);
        return hinted;
    }
}
