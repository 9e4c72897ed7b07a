package dev.loupe.engine;

import dev.loupe.core.ImageIndex;
import dev.loupe.core.Model;
import dev.loupe.index.LuceneImageIndex;
import dev.loupe.models.image.ImageDecoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * One open Loupe: a model, optionally an index, and the decoder, wired together. The entry point for the CLI
 * and the server: {@code Loupe.open(...)}, then {@link #indexer} or {@link #searcher}.
 */
public final class Loupe implements AutoCloseable {
    /** How the index is opened. */
    public enum IndexMode { NONE, READ, WRITE, REBUILD }

    private final Model model;
    private final ImageIndex index;
    private final ImageDecoder decoder;

    public Loupe(Model model, ImageIndex index, ImageDecoder decoder) {
        this.model = model;
        this.index = index;
        this.decoder = decoder;
    }

    /** Opens {@code model} and the index at {@code indexDir} in the given mode. */
    public static Loupe open(Model model, Path indexDir, IndexMode mode, ImageDecoder decoder) {
        ImageIndex index = switch (mode) {
            case NONE -> null;
            case READ -> LuceneImageIndex.openForReading(indexDir, model.info());
            case WRITE -> LuceneImageIndex.openForWriting(indexDir, model.info(), false);
            case REBUILD -> LuceneImageIndex.openForWriting(indexDir, model.info(), true);
        };
        return new Loupe(model, index, decoder);
    }

    public Model model() {
        return model;
    }

    public ImageIndex index() {
        if (index == null) {
            throw new IllegalStateException("no index is open");
        }
        return index;
    }

    public ImageDecoder decoder() {
        return decoder;
    }

    public Indexer indexer(IndexerOptions options) {
        return new Indexer(decoder, model, index(), options);
    }

    /** A searcher; without an index it can still encode images (e.g. for tags). */
    public Searcher searcher() {
        return new Searcher(model, index, decoder);
    }

    /** Query expressions (analogies, composed queries, negatives) over the index. */
    public QueryEngine queries() {
        return new QueryEngine(model, index(), searcher(), dev.loupe.core.query.ProbeSettings.DEFAULT,
                QueryEngine.DEFAULT_EXACT_UP_TO);
    }

    @Override
    public void close() {
        try {
            if (index != null) {
                index.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            model.close();
        }
    }
}
