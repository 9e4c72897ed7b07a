package dev.loupe.engine;

import dev.loupe.models.clip.ModelDescriptor;
import dev.loupe.models.clip.ModelFamily;
import dev.loupe.models.clip.ModelFile;
import dev.loupe.models.builtin.BuiltinModelFiles;
import dev.loupe.models.store.ModelStore;
import dev.loupe.models.store.ModelStoreException;
import dev.loupe.models.store.ProgressListener;
import dev.loupe.models.store.Verification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Installs, verifies and removes models' files through {@link ModelStore}s: the builtin model's files in the
 * cache's root (as the builtin model has always kept them), each CLIP-family model in its own folder. Files whose
 * descriptor has {@code "sha256": null} are refused unless the user gives their checksum.
 */
final class ModelInstaller {
    private final ModelCatalog catalog;
    private final LoupeHome home;
    private final Function<String, String> env;
    private final HttpClient http;

    ModelInstaller(ModelCatalog catalog, LoupeHome home, Function<String, String> env, HttpClient http) {
        this.catalog = catalog;
        this.home = home;
        this.env = env;
        this.http = http;
    }

    /** The store of the builtin model's files (and the ImageNet labels), with the normal environment. */
    ModelStore rootStore() {
        return new ModelStore(home.models(), env, http);
    }

    /** The store of one CLIP-family model; {@code from}, when given, replaces {@code LOUPE_MODEL_MIRROR}. */
    ModelStore store(String name, String from) {
        return new ModelStore(catalog.directory(name), envWithSource(from), http);
    }

    private Function<String, String> envWithSource(String from) {
        return from == null ? env : key -> ModelStore.MIRROR_ENV.equals(key) ? from : env.apply(key);
    }

    /**
     * Installs every file of {@code d}, verified, then records the descriptor with the checksums used.
     *
     * @param origin names the descriptor in messages ("descriptor FILE", "shipped descriptor")
     */
    ModelDescriptor install(ModelDescriptor d, String origin, InstallSource source, ProgressListener progress)
            throws IOException {
        if (d.family() == ModelFamily.BUILTIN) {
            if (!source.sha256().isEmpty()) {
                throw new IllegalArgumentException("--sha256 is for files whose descriptor publishes no checksum; "
                        + "the builtin model's files are all pinned");
            }
            BuiltinModelFiles.installBuiltin(new ModelStore(home.models(), envWithSource(source.from()), http),
                    progress);
            return d;
        }
        ModelDescriptor pinned = Checksums.pin(d, origin, source.sha256());
        checkFrom(source.from());
        ModelStore store = store(d.name(), source.from());
        for (ModelFile f : pinned.files()) {
            try {
                store.install(storeFile(f, pinned), progress);
            } catch (ModelStoreException e) {
                throw source.from() == null ? e : fromFailure(e, f, source.from());
            }
        }
        catalog.recordInstalled(pinned);
        return pinned;
    }

    /** A local {@code --from} must be an existing folder (a typo would otherwise read as "file not found"). */
    private static void checkFrom(String from) {
        if (from == null || from.matches("(?i)(https?|file):.*")) {
            return;
        }
        if (!Files.isDirectory(Path.of(from))) {
            throw new IllegalArgumentException("--from " + from + " is not a folder; give the folder holding the "
                    + "model's files, or an http(s) URL");
        }
    }

    /** The store words a missing file in terms of LOUPE_MODEL_MIRROR; with --from, say --from. */
    private static ModelStoreException fromFailure(ModelStoreException e, ModelFile f, String from) {
        if (e.kind() != ModelStoreException.Kind.MIRROR_MISSING && e.kind() != ModelStoreException.Kind.NOT_FOUND) {
            return e;
        }
        return new ModelStoreException(e.kind(), "--from " + from + " has no file named " + f.name() + " (the name "
                + "the descriptor gives it); put the file there under that name (upstream: " + f.url() + ")", e);
    }

    /** Re-hashes every installed file of the model against the checksum it was installed with. */
    List<FileCheck> verify(String name) throws IOException {
        ModelDescriptor d = catalog.descriptor(name);
        boolean builtin = d.family() == ModelFamily.BUILTIN;
        if (!builtin && catalog.installed(name).isEmpty()) {
            throw new IllegalArgumentException("model '" + name + "' is not installed; install it with 'loupe models "
                    + "install " + name + "'");
        }
        ModelStore store = builtin ? rootStore() : store(name, null);
        List<FileCheck> checks = new ArrayList<>();
        for (ModelFile f : d.files()) {
            Path path = store.path(f.name());
            if (!Files.isRegularFile(path)) {
                checks.add(new FileCheck(name, f.name(), path, FileCheck.Status.MISSING, f.sha256(), ""));
                continue;
            }
            Verification v = store.verify(storeFile(f, d));
            checks.add(new FileCheck(name, f.name(), path, v.ok() ? FileCheck.Status.OK : FileCheck.Status.CORRUPT,
                    v.expectedSha256(), v.actualSha256()));
        }
        Path pooled = store.path(BuiltinModelFiles.POOLED_MODEL);
        if (builtin && Files.isRegularFile(pooled)) {
            Verification v = store.verify(BuiltinModelFiles.POOLED_MODEL);
            checks.add(new FileCheck(name, v.name(), pooled, v.ok() ? FileCheck.Status.OK : FileCheck.Status.CORRUPT,
                    v.expectedSha256(), v.actualSha256()));
        }
        return checks;
    }

    /** Deletes the model's files; returns whether anything was installed. */
    boolean remove(String name) throws IOException {
        ModelDescriptor d = catalog.descriptor(name);
        if (d.family() == ModelFamily.BUILTIN) {
            ModelStore store = rootStore();
            boolean any = false;
            for (ModelFile f : d.files()) {
                any |= store.remove(f.name());
            }
            any |= store.remove(BuiltinModelFiles.POOLED_MODEL);
            deleteTree(home.models().resolve("embeddings"));
            return any;
        }
        return deleteTree(catalog.directory(name));
    }

    /** Status of a model for listing. */
    ModelStatus status(ModelDescriptor d, ModelCatalog.Source source) throws IOException {
        boolean builtin = d.family() == ModelFamily.BUILTIN;
        Path dir = builtin ? home.models() : catalog.directory(d.name());
        List<ModelStatus.FileStatus> files = new ArrayList<>();
        boolean all = builtin || catalog.installed(d.name()).isPresent();
        long onDisk = 0;
        long download = 0;
        for (ModelFile f : d.files()) {
            Path p = dir.resolve(f.name());
            boolean there = Files.isRegularFile(p);
            long bytes = there ? Files.size(p) : 0;
            all &= there;
            onDisk += bytes;
            long expected = f.size() != null ? f.size() : approximateBytes(f.approximateSize());
            download = download < 0 || expected < 0 ? -1 : download + expected;
            files.add(new ModelStatus.FileStatus(f.name(), f.url(), f.sha256(), there, bytes));
        }
        return new ModelStatus(d.name(), d.displayName(), d.family().configName(),
                source.name().toLowerCase(java.util.Locale.ROOT), all, onDisk, download, d.licence(),
                d.quality().summary(), d.quality().citation(), dir, files, d.languages(), d.relevance());
    }

    /** The store's view of a descriptor's file (the checksum must be known by now). */
    static dev.loupe.models.store.ModelFile storeFile(ModelFile f, ModelDescriptor d) {
        return new dev.loupe.models.store.ModelFile(f.name(), URI.create(f.url()), f.sha256(),
                f.size() == null ? -1 : f.size(), d.licence());
    }

    /** Bytes of a size as hosts show it ("352 MB", "1.4 MB", "2 GB"), or -1 when it cannot be read. */
    static long approximateBytes(String text) {
        if (text == null) {
            return -1;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([kKMG]?B)\\s*")
                .matcher(text);
        if (!m.matches()) {
            return -1;
        }
        Map<String, Double> unit = new HashMap<>(Map.of("B", 1d, "kB", 1e3, "KB", 1e3, "MB", 1e6, "GB", 1e9));
        return Math.round(Double.parseDouble(m.group(1)) * unit.get(m.group(2)));
    }

    private static boolean deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return false;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        return true;
    }
}
