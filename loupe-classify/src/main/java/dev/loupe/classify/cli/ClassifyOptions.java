package dev.loupe.classify.cli;

import dev.loupe.engine.Loupe;
import dev.loupe.engine.SessionFlags;
import dev.loupe.engine.SessionOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options the classify commands share: the session's flags (any model, its index) and {@code --json}. */
final class ClassifyOptions {
    @Option(names = "--json", description = "Print one JSON object on stdout instead of text.")
    boolean json;

    @Mixin
    SessionFlags flags;

    /** The model and the existing index, open for writing labels. */
    Loupe openIndex() {
        SessionOptions read = flags.options(SessionOptions.Access.READ);
        // the READ check refuses a missing index with the hint; labels then need write access
        if (read.indexBackend().recordedModel().isEmpty()) {
            throw new IllegalStateException("no index at " + read.indexBackend().describe() + "; build one with "
                    + "'loupe index PATH...'" + (read.defaultIndex() ? " or pass --index DIR" : ""));
        }
        return Loupe.open(read.withAccess(SessionOptions.Access.WRITE));
    }

    /** The index's folder (the classifier is saved beside it). */
    Path indexDir() {
        return Path.of(flags.options(SessionOptions.Access.READ).indexBackend().describe());
    }

    int threads() {
        return flags.threads();
    }
}
