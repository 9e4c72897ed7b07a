package dev.loupe.engine;

import dev.loupe.core.IndexBackend;
import dev.loupe.core.ModelInfo;
import dev.loupe.core.compose.ComposerFile;
import dev.loupe.core.compose.ComposerMetadata;
import dev.loupe.core.compose.TextImageHead;
import dev.loupe.core.query.Composer;
import dev.loupe.index.LuceneBackend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The trained composer files registered with one index ({@code bin/loupe-lab train composer|head --index DIR}
 * writes them), one registry per {@link Kind}: composers in {@code DIR/composers/NAME.lcmp}, text→image heads
 * (DeViSE, VSE) in {@code DIR/heads/NAME.lcmp}, next to the embedded index, each trained on that index's model. A
 * search names one ({@code --composer NAME} or {@code --head NAME}, the HTTP body's {@code composer} or
 * {@code head}); a file made with another model is refused. An index that is not a folder (SolrCloud) has no
 * registry: {@link #list()} is empty.
 */
public final class ComposerRegistry {
    /** What a registry holds: its sub-folder of the index folder and how messages name it. */
    public enum Kind {
        COMPOSER("composers", "composer"), HEAD("heads", "head");

        private final String folder;
        private final String noun;

        Kind(String folder, String noun) {
            this.folder = folder;
            this.noun = noun;
        }

        /** The sub-folder of the index folder that holds this kind. */
        public String folder() {
            return folder;
        }
    }

    /** The sub-folder of the index folder that holds the composers. */
    public static final String FOLDER = Kind.COMPOSER.folder();
    static final String EXTENSION = ".lcmp";
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    /**
     * Metrics as a table reads: the trained file's R@1, R@5, … then its untrained reference's ("sum R@1",
     * "index R@1", …: a metric whose name has a word before it).
     */
    private static final Comparator<String> METRIC_ORDER = Comparator.comparingInt((String k) -> k.indexOf(' ') > 0
            && k.indexOf(' ') < k.indexOf('@') ? 1 : 0).thenComparingInt(ComposerRegistry::cutoff)
            .thenComparing(Comparator.naturalOrder());

    private final Kind kind;
    private final Path dir;
    private final ModelInfo model;

    /**
     * A registry of composers.
     *
     * @param dir the composers folder, or null when the index has none
     */
    public ComposerRegistry(Path dir, ModelInfo model) {
        this(Kind.COMPOSER, dir, model);
    }

    /** @param dir the folder of this kind, or null when the index has none */
    public ComposerRegistry(Kind kind, Path dir, ModelInfo model) {
        this.kind = java.util.Objects.requireNonNull(kind, "kind");
        this.dir = dir;
        this.model = model;
    }

    /** The composers of an index: its folder's {@value #FOLDER} for the embedded index, none for others. */
    public static ComposerRegistry of(IndexBackend backend, ModelInfo model) {
        return of(Kind.COMPOSER, backend, model);
    }

    /** The registry of one kind of an index: its folder's sub-folder for the embedded index, none for others. */
    public static ComposerRegistry of(Kind kind, IndexBackend backend, ModelInfo model) {
        return new ComposerRegistry(kind, backend instanceof LuceneBackend l ? l.dir().resolve(kind.folder()) : null,
                model);
    }

    /** One registered composer: its name, file and what the file says about it (null fields when unreadable). */
    public record Entry(String name, Path file, ComposerMetadata metadata, String error) {
        public boolean usable() {
            return error == null;
        }

        /**
         * What {@code loupe info} and the server's status show: name, method, training data, held-out R@K, and the
         * error when it cannot be used.
         */
        public java.util.Map<String, Object> summary() {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("name", name);
            if (metadata != null) {
                m.put("method", metadata.method());
                m.put("dataset", metadata.dataset());
                java.util.Map<String, Double> r = new java.util.TreeMap<>(METRIC_ORDER);
                r.putAll(metadata.metrics());
                m.put("metrics", r);
            }
            if (error != null) {
                m.put("error", error);
            }
            return m;
        }
    }

    /** Every registered file by name; a damaged file or one of another model is listed with its error. */
    public List<Entry> list() {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(EXTENSION) && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + kind.folder() + " in " + dir + ": " + e.getMessage(), e);
        }
        List<Entry> out = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            name = name.substring(0, name.length() - EXTENSION.length());
            try {
                ComposerFile file = ComposerFile.load(f);
                String error = null;
                try {
                    check(name, file);
                } catch (IllegalArgumentException e) {
                    error = e.getMessage();
                }
                out.add(new Entry(name, f, file.metadata(), error));
            } catch (RuntimeException e) {
                out.add(new Entry(name, f, null, e.getMessage()));
            }
        }
        return List.copyOf(out);
    }

    /** The names of the usable files. */
    public List<String> names() {
        return list().stream().filter(Entry::usable).map(Entry::name).toList();
    }

    /** Whether {@code name} is a registered file's name. */
    public boolean contains(String name) {
        return name != null && name.matches(NAME) && dir != null && Files.isRegularFile(file(name));
    }

    /** The registered composer {@code name}, adapted to the query's base terms. */
    public Composer load(String name) {
        requireKind(Kind.COMPOSER);
        return TrainedComposer.adapt(loadFile(name), model);
    }

    /** The registered head {@code name} (a registry of {@link Kind#HEAD}), checked against the index's model. */
    public TextImageHead head(String name) {
        requireKind(Kind.HEAD);
        return TextImageHead.of(loadFile(name));
    }

    /** The registered file {@code name}, checked against the index's model. */
    private ComposerFile loadFile(String name) {
        if (!contains(name)) {
            throw new IllegalArgumentException("no " + kind.noun + " named '" + name + "' is registered with the "
                    + "index" + known() + "; train one with 'bin/loupe-lab train " + kind.noun + " --index DIR "
                    + "--name " + safe(name) + " ...'");
        }
        ComposerFile file = ComposerFile.load(file(name));
        check(name, file);
        return file;
    }

    private void requireKind(Kind k) {
        if (kind != k) {
            throw new IllegalStateException("this registry holds " + kind.folder() + ", not " + k.folder());
        }
    }

    /**
     * A composer given as the user types it: a registered name, else a composer file's path (as
     * {@code --composer FILE} always took).
     */
    public Composer resolve(String nameOrFile) {
        requireKind(Kind.COMPOSER);
        if (contains(nameOrFile)) {
            return load(nameOrFile);
        }
        Path path = Path.of(nameOrFile);
        if (Files.isRegularFile(path)) {
            return TrainedComposer.load(path, model);
        }
        throw new IllegalArgumentException("--composer " + nameOrFile + ": neither a composer registered with the "
                + "index" + known() + " nor a composer file");
    }

    /**
     * Registers {@code file} as {@code name} (written atomically); refuses a name that exists unless {@code force},
     * and a composer trained on another model's vectors.
     *
     * @return the file written
     */
    public Path register(String name, ComposerFile file, boolean force) {
        requireFree(name, force);
        check(name, file);
        Path target = file(name);
        file.save(target);
        return target;
    }

    /**
     * Checks, before any training, that {@code name} can be registered: the index is a folder, the name is valid
     * and not taken (unless {@code force}).
     */
    public void requireFree(String name, boolean force) {
        if (dir == null) {
            throw new IllegalArgumentException(kind.folder() + " can be registered only with an embedded index (a "
                    + "folder)" + (kind == Kind.COMPOSER ? "; save the file and pass it as --composer FILE instead"
                    : ""));
        }
        if (name == null || !name.matches(NAME)) {
            throw new IllegalArgumentException("--name must be 1-64 letters, digits, '.', '_' or '-', starting with "
                    + "a letter or digit; got '" + safe(name) + "'");
        }
        Path target = file(name);
        if (Files.exists(target) && !force) {
            throw new IllegalArgumentException("a " + kind.noun + " named '" + name + "' is already registered (" + target
                    + "); pass --force to replace it or choose another --name");
        }
    }

    /** The folder this kind is kept in, or null. */
    public Path folder() {
        return dir;
    }

    private void check(String name, ComposerFile file) {
        ComposerMetadata m = file.metadata();
        if (!m.imageEncoder().equals(model.fingerprint())) {
            throw new IllegalArgumentException(kind.noun + " '" + name + "' was trained on vectors of model "
                    + m.imageEncoder() + " but the index was built by " + model.fingerprint()
                    + "; train it again on this index");
        }
        String space = model.textSpace();
        int dim = model.space(space).dimension();
        if (kind == Kind.COMPOSER) {
            file.composerFor(space, dim, dim);
            return;
        }
        TextImageHead head = TextImageHead.of(file);
        boolean known = model.spaces().stream().anyMatch(s -> s.name().equals(head.imageSpace()));
        if (!known || model.space(head.imageSpace()).dimension() != head.imageDim() || head.textDim() != dim
                || !m.textEncoder().equals(space)) {
            throw new IllegalArgumentException("head '" + name + "' reads " + head.imageDim() + "-d vectors of space '"
                    + head.imageSpace() + "' and " + head.textDim() + "-d text vectors of '" + m.textEncoder()
                    + "', which this index's model " + model.fingerprint() + " does not have; train it again on "
                    + "this index");
        }
    }

    /** The K of a metric named {@code R@K}, else the largest int (such metrics sort last). */
    private static int cutoff(String metric) {
        String k = metric.substring(metric.indexOf('@') + 1);
        return k.matches("\\d{1,9}") ? Integer.parseInt(k) : Integer.MAX_VALUE;
    }

    private Path file(String name) {
        return dir.resolve(name + EXTENSION);
    }

    private String known() {
        List<String> names = names();
        return names.isEmpty() ? " (it has none)" : " (registered: " + String.join(", ", names) + ")";
    }

    private static String safe(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }
}
