package dev.loupe.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.Model;
import dev.loupe.models.builtin.BuiltinModel;
import dev.loupe.models.builtin.BuiltinRecipe;
import dev.loupe.models.tags.TagVocabulary;
import dev.loupe.models.clip.ClipModel;
import dev.loupe.models.clip.ModelDescriptor;
import dev.loupe.models.clip.ModelDescriptors;
import dev.loupe.models.clip.ModelFamily;
import dev.loupe.models.clip.ModelFile;
import dev.loupe.models.builtin.BuiltinModelFiles;
import dev.loupe.models.store.ModelStore;
import dev.loupe.models.store.OnnxRuntimeLibraries;
import dev.loupe.models.store.ProgressListener;
import dev.loupe.models.zoo.ImmichExport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Knows every model Loupe can run — the builtin model, the CLIP-family descriptors shipped with Loupe, and models
 * installed from a user's descriptor — and installs, lists, verifies, removes and opens them by name. The builtin
 * model installs itself on first use (its files are small); CLIP-family models are installed explicitly
 * ({@code loupe models install NAME}) and then opened from the cache without any network access.
 */
public final class ModelLoader {
    public static final String BUILTIN = "builtin";
    private static final Logger LOG = LoggerFactory.getLogger(ModelLoader.class);

    private final LoupeHome home;
    private final ModelCatalog catalog;
    private final ModelInstaller installer;

    public ModelLoader(LoupeHome home, Function<String, String> env) {
        this(home, env, ModelStore.defaultHttpClient());
    }

    /** @param env environment lookup ({@code System::getenv}); {@code LOUPE_MODEL_MIRROR} is read through it */
    public ModelLoader(LoupeHome home, Function<String, String> env, HttpClient http) {
        this.home = home;
        this.catalog = new ModelCatalog(home);
        this.installer = new ModelInstaller(catalog, home, env, http);
    }

    /** The store of the builtin model's files. */
    public ModelStore store() {
        return installer.rootStore();
    }

    /** The index folder used when none is given: {@code index} for the builtin model, {@code index-NAME} else. */
    public static Path defaultIndex(LoupeHome home, String model) {
        return BUILTIN.equals(model) ? home.defaultIndex() : home.root().resolve("index-" + model);
    }

    /**
     * Opens the named model. The builtin model is installed first if needed; a CLIP-family model must have been
     * installed ('loupe models install NAME'), and a file that went missing or changed is fetched again.
     *
     * @throws IllegalArgumentException for an unknown or not installed model
     */
    public Model open(String name, int threads, ProgressListener progress) {
        OnnxRuntimeLibraries.useFolderUnder(home.root().resolve("native"));
        try {
            if (BUILTIN.equals(name)) {
                BuiltinModelFiles.Paths files = BuiltinModelFiles.installBuiltin(store(), progress);
                return new BuiltinModel(files.pooledModel(), BuiltinModelFiles.POOLED_OUTPUT, files.labels(),
                        home.models().resolve("embeddings"), BuiltinRecipe.DEFAULT, threads);
            }
            ModelDescriptor d = catalog.installed(name).orElseThrow(() -> notInstalled(name));
            ModelStore store = installer.store(name, null);
            for (ModelFile f : d.files()) {
                store.install(ModelInstaller.storeFile(f, d), progress);
            }
            Path dir = catalog.directory(name);
            ClipModel.Settings settings = new ClipModel.Settings(Math.max(1, threads), 16,
                    ClipModel.DEFAULT_TAG_TEMPLATE, TagVocabulary.defaults(installedImagenetLabels()).words(),
                    dir.resolve(".embeddings"));
            return ClipModel.open(d, dir, settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /**
     * Throws what {@link #open} would throw for a model that is unknown or not installed, without loading
     * anything, so that callers can report that before other problems (e.g. a missing index).
     */
    public void requireInstalledOrBuiltin(String name) {
        if (!BUILTIN.equals(name) && catalog.installed(name).isEmpty()) {
            throw notInstalled(name);
        }
    }

    private IllegalArgumentException notInstalled(String name) {
        if (ModelDescriptors.shipped(name).isEmpty()) {
            return catalog.unknown(name);
        }
        return new IllegalArgumentException("model '" + name + "' is not installed; install it with 'loupe models "
                + "install " + name + "' (see 'loupe models list' for its size and licence)");
    }

    /** Every known model with its installation status: builtin, the shipped descriptors, then custom models. */
    public List<ModelStatus> list() {
        List<ModelStatus> out = new ArrayList<>();
        for (Map.Entry<String, ModelCatalog.Source> e : catalog.known().entrySet()) {
            out.add(status(e.getKey(), e.getValue()));
        }
        return out;
    }

    /** The status of one known model. */
    public ModelStatus status(String name) {
        ModelCatalog.Source source = catalog.known().get(name);
        if (source == null) {
            throw catalog.unknown(name);
        }
        return status(name, source);
    }

    private ModelStatus status(String name, ModelCatalog.Source source) {
        try {
            return installer.status(catalog.descriptor(name), source);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the files of model " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Installs a known model (builtin, shipped, or custom and installed before), verified. From a local folder
     * ({@code --from DIR}), files whose descriptor publishes no checksum are recorded with the checksum they have
     * there: the folder holds the user's own copies.
     */
    public ModelStatus install(String name, InstallSource source, ProgressListener progress) {
        ModelDescriptor d = catalog.descriptor(name);
        if (source.from() != null && !source.from().matches("(?i)(https?|file):.*")
                && Files.isDirectory(Path.of(source.from())) && d.family().dualEncoder()) {
            d = ImmichExport.withLocalChecksums(d, Path.of(source.from()));
        }
        String origin = catalog.installed(name).isPresent() ? "the installed descriptor of '" + name + "'"
                : "the descriptor shipped with Loupe";
        return install(d, origin, source, progress);
    }

    /**
     * Installs any compatible CLIP-family export described by {@code descriptorFile}, e.g. from a folder the user
     * downloaded the files into ({@code source.from()}).
     *
     * @param expectedName the name the user typed, or null; it must match the descriptor's
     */
    public ModelStatus install(Path descriptorFile, String expectedName, InstallSource source,
                               ProgressListener progress) {
        ModelDescriptor d = ModelDescriptors.read(descriptorFile);
        if (expectedName != null && !expectedName.equals(d.name())) {
            throw new IllegalArgumentException("the descriptor " + descriptorFile + " describes model '" + d.name()
                    + "', not '" + expectedName + "'; give that name or none");
        }
        if (!d.family().dualEncoder() || BUILTIN.equals(d.name())) {
            throw new IllegalArgumentException("the descriptor " + descriptorFile + " must describe a dual encoder "
                    + "(family clip, siglip, m-clip or mobileclip) with a name other than 'builtin'");
        }
        return install(d, "the descriptor " + descriptorFile, source, progress);
    }

    /**
     * Installs a model from a folder laid out as Immich's model cache keeps one ({@code config.json},
     * {@code visual/}, {@code textual/}; see {@link ImmichExport}), or from a cache holding such folders
     * ({@code DIR/clip/Model-Name} or {@code DIR/Model-Name}) when {@code name} says which. A model of Loupe's
     * catalogue keeps its catalogue entry (published quality, relevance calibration, pinned checksums, which the
     * copies must match); any other export is described from its own files. The folder is the user's: files the
     * catalogue publishes no checksum for are recorded with the checksum they have, so that {@code verify} notices
     * later changes.
     *
     * @param name the model name, or null to take it from the folder's name
     * @throws IllegalArgumentException when the folder is not a complete, consistent export (what is wrong, what
     *                                  to do)
     */
    public ModelStatus installFolder(Path from, String name, InstallSource source, ProgressListener progress) {
        Path dir = ImmichExport.locate(from, name);
        String loupeName = name != null ? name : ImmichExport.loupeName(ImmichExport.modelName(dir));
        if (BUILTIN.equals(loupeName)) {
            throw new IllegalArgumentException("'builtin' is Loupe's own model; give another name for " + dir);
        }
        ModelDescriptor read = ImmichExport.read(dir, loupeName); // checks the folder before anything is copied
        ModelDescriptor d = read;
        Optional<ModelDescriptor> known = ModelDescriptors.shipped(loupeName).filter(ImmichExport::isImmichLayout);
        if (known.isPresent()) {
            ImmichExport.requireMatches(known.get(), read, dir);
            d = ImmichExport.withLocalChecksums(known.get(), dir);
        }
        InstallSource fromDir = new InstallSource(dir.toString(), source.sha256());
        return install(d, "the Immich export in " + dir, fromDir, progress);
    }

    /**
     * Whether {@code from} is a local folder laid out as an Immich model export, or (with {@code name}) an Immich
     * cache holding that model's folder: then {@link #installFolder} installs it.
     */
    public boolean isImmichFolder(String from, String name) {
        if (from == null || from.matches("(?i)(https?|file):.*") || !Files.isDirectory(Path.of(from))) {
            return false;
        }
        try {
            ImmichExport.locate(Path.of(from), name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private ModelStatus install(ModelDescriptor d, String origin, InstallSource source, ProgressListener progress) {
        try {
            installer.install(d, origin, source, progress);
            if (d.family().dualEncoder()) {
                installImagenetLabels(progress);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        return status(d.name());
    }

    /** Re-hashes the model's installed files. */
    public List<FileCheck> verify(String name) {
        try {
            return installer.verify(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** Re-hashes the files of every installed model. */
    public List<FileCheck> verifyInstalled() {
        List<FileCheck> all = new ArrayList<>();
        for (ModelStatus s : list()) {
            if (s.installed()) {
                all.addAll(verify(s.name()));
            }
        }
        return all;
    }

    /** Deletes a model's files; returns false when nothing of it was installed. */
    public boolean remove(String name) {
        try {
            return installer.remove(name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove model " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * CLIP tags default to ImageNet's class names plus common words; the (tiny) label file is fetched with the
     * model when possible. Without it, tags fall back to the common words alone.
     */
    private void installImagenetLabels(ProgressListener progress) {
        try {
            store().install(BuiltinModelFiles.IMAGENET_LABELS, progress);
        } catch (IOException e) {
            LOG.warn("could not install {} ({}); the default tag vocabulary of CLIP models will be the common words "
                    + "only until it is installed", BuiltinModelFiles.IMAGENET_LABELS.name(), e.getMessage());
        }
    }

    private List<String> installedImagenetLabels() {
        Path file = store().path(BuiltinModelFiles.IMAGENET_LABELS.name());
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Arrays.asList(new ObjectMapper().readValue(file.toFile(), String[].class));
        } catch (IOException e) {
            LOG.warn("ignoring unreadable {}: {}", file, e.getMessage());
            return List.of();
        }
    }
}
