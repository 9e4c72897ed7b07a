package dev.loupe.lab.duplicates;

import dev.loupe.engine.IndexReport;
import dev.loupe.engine.IndexerOptions;
import dev.loupe.engine.Loupe;
import dev.loupe.engine.SessionOptions;
import dev.loupe.engine.IndexProgress;
import dev.loupe.index.LuceneBackend;

import java.nio.file.Path;
import java.util.List;

/** Indexes a lab folder with the product's indexer (builtin model, no OCR) and opens a session on it. */
public final class LabIndex {
    private LabIndex() {
    }

    /** Brings the index at {@code dir} up to date with {@code folder} (incremental); returns a read session on it. */
    public static Loupe build(Path folder, Path dir, int threads) {
        SessionOptions o = SessionOptions.fromEnvironment(System.getenv()).withModel("builtin")
                .withIndex(new LuceneBackend(dir)).withThreads(threads);
        try (Loupe w = Loupe.open(o.withAccess(SessionOptions.Access.WRITE))) {
            IndexerOptions d = IndexerOptions.defaults();
            IndexReport r = w.indexer(new IndexerOptions(threads, d.batchSize(), d.commitEvery(), d.commitAfter()))
                    .run(List.of(folder), new IndexProgress() {
            });
            if (!r.skipped().isEmpty()) {
                throw new IllegalStateException("the lab set has unreadable files: " + r.skipped());
            }
        }
        return Loupe.open(o.withAccess(SessionOptions.Access.READ));
    }
}
