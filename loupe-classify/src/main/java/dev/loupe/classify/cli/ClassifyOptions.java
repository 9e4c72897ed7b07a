package dev.loupe.classify.cli;

import dev.loupe.core.Model;
import dev.loupe.engine.Loupe;
import dev.loupe.engine.LoupeHome;
import dev.loupe.engine.ModelLoader;
import dev.loupe.index.LuceneImageIndex;
import dev.loupe.models.image.ImageDecoder;
import dev.loupe.models.store.ProgressListener;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** Options the classify commands share, and how they open the model and the index. */
final class ClassifyOptions {
    @Option(names = "--json", description = "Print one JSON object on stdout instead of text.")
    boolean json;

    @Option(names = "--index", paramLabel = "DIR", description = "Index folder (default: $LOUPE_HOME/index or ~/.loupe/index).")
    Path index;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for the model and the classifier (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    LoupeHome home() {
        return LoupeHome.fromEnvironment(System.getenv());
    }

    Path indexDir() {
        return index != null ? index.toAbsolutePath().normalize() : home().defaultIndex();
    }

    /** The builtin model and the existing index, open for writing labels. */
    Loupe openIndex() {
        Path dir = indexDir();
        if (!Files.isDirectory(dir) || LuceneImageIndex.recordedModel(dir).isEmpty()) {
            throw new IllegalStateException("no index at " + dir + "; build one with 'loupe index PATH...'"
                    + (index == null ? " or pass --index DIR" : ""));
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        Model model = new ModelLoader(home(), System::getenv).open(ModelLoader.BUILTIN, threads, ProgressListener.NONE);
        try {
            return Loupe.open(model, dir, Loupe.IndexMode.WRITE, new ImageDecoder());
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }
}
