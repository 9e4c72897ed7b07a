package dev.loupe.engine;

import dev.loupe.core.ImageIndex;
import dev.loupe.core.IndexBackend;
import dev.loupe.core.Model;
import dev.loupe.core.Tag;
import dev.loupe.core.WritableImageIndex;
import dev.loupe.core.query.ProbeSettings;
import dev.loupe.engine.duplicates.DuplicateFinder;
import dev.loupe.engine.duplicates.DuplicateProgress;
import dev.loupe.engine.duplicates.DuplicateReport;
import dev.loupe.engine.duplicates.DuplicateRules;
import dev.loupe.engine.duplicates.DuplicateScope;
import dev.loupe.engine.search.QueryImages;
import dev.loupe.engine.search.RelevanceCalibrator;
import dev.loupe.engine.search.SearchEngine;
import dev.loupe.engine.search.SearchRequest;
import dev.loupe.engine.search.SearchResult;
import dev.loupe.core.IndexMismatchException;
import dev.loupe.models.builtin.BuiltinModel;
import dev.loupe.models.image.DecodeOptions;
import dev.loupe.models.image.ImageDecoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A Loupe session: one model, optionally one index, the decoder and the search engine, opened together from
 * {@link SessionOptions}. Every entry point — each CLI command, the server, the classifier — opens its session here,
 * so the model is resolved, the index found, the model-mismatch checked and the pixel limit applied in one way.
 * <pre>
 *   try (Loupe loupe = Loupe.open(options.withAccess(Access.READ))) {
 *       SearchResult r = loupe.search(SearchRequest.of(QueryExpr.text("a cat"), 10));
 *   }
 * </pre>
 */
public final class Loupe implements AutoCloseable {
    private final SessionOptions options;
    private final Model model;
    private final ImageIndex index;
    private final ImageDecoder decoder;
    private final QueryImages images;
    private final SearchEngine search;

    /** Wires an already open model and index (tests, tools); {@link #open} is the usual way in. */
    public Loupe(SessionOptions options, Model model, ImageIndex index, ImageDecoder decoder) {
        this.options = options;
        this.model = model;
        this.index = index;
        this.decoder = decoder;
        this.images = new QueryImages(model, index, decoder);
        this.search = index == null ? null
                : new SearchEngine(model, index, images, ProbeSettings.DEFAULT, SearchEngine.DEFAULT_EXACT_UP_TO,
                new RelevanceCalibrator(model, index));
    }

    /**
     * A session over a model the caller built and owns to the session (embedding Loupe with a model of one's own,
     * tests): the index {@code backend} is opened with {@code access} and checked against the model.
     */
    public static Loupe open(Model model, IndexBackend backend, SessionOptions.Access access, ImageDecoder decoder) {
        SessionOptions o = SessionOptions.fromEnvironment(System.getenv()).withModel(model.info().id())
                .withIndex(backend).withAccess(access);
        ImageIndex index = switch (access) {
            case NONE -> null;
            case READ -> backend.openForReading(model.info());
            case WRITE -> backend.openForWriting(model.info(), false);
            case REBUILD -> backend.openForWriting(model.info(), true);
        };
        return new Loupe(o, model, index, decoder);
    }

    /**
     * Opens the model and the index the options name. For read access the index must exist; an unknown or
     * uninstalled model is reported before a missing index; an index built by another model is refused with the
     * {@code --model} that would read it.
     */
    public static Loupe open(SessionOptions o) {
        ModelLoader loader = new ModelLoader(o.home(), o.env());
        loader.requireInstalledOrBuiltin(o.model());
        IndexBackend backend = o.indexBackend();
        if (o.access() == SessionOptions.Access.READ && backend.recordedModel().isEmpty()) {
            String model = ModelLoader.BUILTIN.equals(o.model()) ? "" : "--model " + o.model() + " ";
            throw new IllegalStateException("no index at " + backend.describe() + "; build one with 'loupe index "
                    + model + "PATH...'" + (o.defaultIndex() ? " or pass --index DIR" : ""));
        }
        Model model = loader.open(o.model(), o.threads(), o.downloads());
        try {
            ImageDecoder decoder = new ImageDecoder(DecodeOptions.defaults().withMaxPixels(o.maxPixels()));
            Loupe opened = open(model, backend, o.access(), decoder);
            return new Loupe(o, model, opened.index, decoder);
        } catch (IndexMismatchException e) {
            model.close();
            throw withModelHint(e, backend, model);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** When the index was built by another model, says which {@code --model} would read it. */
    private static IndexMismatchException withModelHint(IndexMismatchException e, IndexBackend backend, Model model) {
        Optional<String> recorded = backend.recordedModel();
        if (recorded.isEmpty()) {
            return e;
        }
        String id = recorded.get().substring(0, Math.max(0, recorded.get().lastIndexOf('@')));
        if (id.isEmpty() || id.equals(model.info().id())) {
            return e;
        }
        String name = id.equals(BuiltinModel.ID) ? ModelLoader.BUILTIN : id;
        IndexMismatchException hinted = new IndexMismatchException(e.getMessage() + "; to query it with the model "
                + "that built it, pass --model " + name);
        hinted.initCause(e);
        return hinted;
    }

    public SessionOptions options() {
        return options;
    }

    public Model model() {
        return model;
    }

    /** The model's name as the user gives it ({@code builtin}, or a CLIP-family name). */
    public String modelName() {
        return options.model();
    }

    public ImageIndex index() {
        if (index == null) {
            throw new IllegalStateException("no index is open");
        }
        return index;
    }

    /** The index, for writing; only a session opened with write or rebuild access has one. */
    public WritableImageIndex writableIndex() {
        if (index instanceof WritableImageIndex w) {
            return w;
        }
        throw new IllegalStateException("the index " + options.indexBackend().describe() + " is open read-only");
    }

    /** The composers registered with this session's index (trained on its model's vectors). */
    public ComposerRegistry composers() {
        return ComposerRegistry.of(options.indexBackend(), index().model());
    }

    /** The text→image heads (DeViSE, VSE) registered with this session's index (trained on its model's vectors). */
    public ComposerRegistry heads() {
        return ComposerRegistry.of(ComposerRegistry.Kind.HEAD, options.indexBackend(), index().model());
    }

    public ImageDecoder decoder() {
        return decoder;
    }

    public Indexer indexer(IndexerOptions indexing) {
        return new Indexer(decoder, model, writableIndex(), indexing);
    }

    /** The one search API over this session's index. */
    public SearchResult search(SearchRequest request) {
        return searchEngine().search(request);
    }

    public SearchEngine searchEngine() {
        if (search == null) {
            throw new IllegalStateException("no index is open");
        }
        return search;
    }

    /** Query images given as files: the index's vectors when the file is indexed and unchanged, else encoded. */
    public QueryImages images() {
        return images;
    }

    /**
     * The duplicate groups among the indexed images under {@code paths} (none: all of them), see
     * {@link DuplicateFinder}; the pair search runs on the session's threads.
     */
    public DuplicateReport duplicates(List<Path> paths, DuplicateRules rules, DuplicateProgress progress) {
        return new DuplicateFinder(index(), decoder, options.threads())
                .find(DuplicateScope.of(index(), paths), rules, progress);
    }

    /** Zero-shot tags of an image file; {@code vocabulary} null: the model's default words. */
    public List<Tag> tags(Path image, List<String> vocabulary, int k) {
        return model.tags(images.decode(image), vocabulary != null ? vocabulary : model.defaultTagVocabulary(), k);
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
