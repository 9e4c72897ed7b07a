package dev.loupe.engine;

import dev.loupe.models.clip.InvalidDescriptorException;
import dev.loupe.models.clip.ModelDescriptor;
import dev.loupe.models.clip.ModelDescriptors;
import dev.loupe.models.clip.ModelFamily;
import dev.loupe.models.clip.ModelFile;
import dev.loupe.models.clip.PublishedQuality;
import dev.loupe.models.builtin.BuiltinModelFiles;
import dev.loupe.models.text.SentenceEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which models Loupe knows and where their files live: the builtin model, the descriptors shipped with Loupe, and
 * the models installed from a descriptor file. CLIP-family models are installed into
 * {@code <models>/clip/<name>/}, each with the descriptor it was installed with (checksums included) in
 * {@value #DESCRIPTOR_FILE}; a model counts as installed when that file and all the model's files are there.
 */
final class ModelCatalog {
    static final String DESCRIPTOR_FILE = ".descriptor.json";
    private static final Logger LOG = LoggerFactory.getLogger(ModelCatalog.class);

    /** Where a model comes from: the builtin model, a descriptor shipped with Loupe, or a user's descriptor. */
    enum Source { BUILTIN, SHIPPED, CUSTOM }

    private final LoupeHome home;

    ModelCatalog(LoupeHome home) {
        this.home = home;
    }

    /** The folder holding an installed CLIP-family model's files. */
    Path directory(String name) {
        return home.models().resolve("clip").resolve(name);
    }

    /** Every known model: builtin first, then the shipped descriptors, then other installed models by name. */
    Map<String, Source> known() {
        Map<String, Source> all = new LinkedHashMap<>();
        all.put(ModelLoader.BUILTIN, Source.BUILTIN);
        for (ModelDescriptor d : ModelDescriptors.shipped()) {
            all.put(d.name(), Source.SHIPPED);
        }
        for (String name : installedNames()) {
            all.putIfAbsent(name, Source.CUSTOM);
        }
        return all;
    }

    /** The descriptor to use for {@code name}: as installed, else as shipped, else the builtin's. */
    ModelDescriptor descriptor(String name) {
        if (ModelLoader.BUILTIN.equals(name)) {
            return builtin();
        }
        return installed(name).or(() -> ModelDescriptors.shipped(name)).orElseThrow(() -> unknown(name));
    }

    IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("unknown model '" + name + "'; known models are "
                + String.join(", ", known().keySet()) + " (see 'loupe models list'); to use another compatible "
                + "export, install it with 'loupe models install --from DIR|URL --descriptor FILE'");
    }

    /** The descriptor an installed CLIP-family model was installed with, if it is installed. */
    Optional<ModelDescriptor> installed(String name) {
        if (ModelLoader.BUILTIN.equals(name) || !validName(name)) {
            return Optional.empty();
        }
        Path file = directory(name).resolve(DESCRIPTOR_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        ModelDescriptor d = ModelDescriptors.read(file);
        if (!d.name().equals(name)) {
            throw new IllegalStateException(file + " describes model '" + d.name() + "' but lies in the folder of '"
                    + name + "'; remove the folder " + file.getParent() + " and install the model again");
        }
        return Optional.of(d);
    }

    /** Records the descriptor of a model whose files were all installed (written atomically, last). */
    void recordInstalled(ModelDescriptor d) throws IOException {
        Path dir = directory(d.name());
        Files.createDirectories(dir);
        Path tmp = dir.resolve(DESCRIPTOR_FILE + ".tmp");
        Files.writeString(tmp, ModelDescriptors.toJson(d), StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(DESCRIPTOR_FILE), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private List<String> installedNames() {
        Path root = home.models().resolve("clip");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.sorted().toList()) {
                String name = dir.getFileName().toString();
                if (!Files.isRegularFile(dir.resolve(DESCRIPTOR_FILE))) {
                    continue;
                }
                try {
                    installed(name);
                    names.add(name);
                } catch (InvalidDescriptorException | IllegalStateException e) {
                    LOG.warn("ignoring {}: {}", dir, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list installed models in " + root + ": " + e.getMessage(), e);
        }
        return names;
    }

    /** The builtin model as a descriptor, so that it is listed like the others (it runs no CLIP graphs). */
    static ModelDescriptor builtin() {
        List<ModelFile> files = new ArrayList<>();
        for (dev.loupe.models.store.ModelFile f : BuiltinModelFiles.files()) {
            files.add(new ModelFile(f.name(), f.upstream().toString(), f.sha256(), f.size(), null, null));
        }
        return new ModelDescriptor(ModelLoader.BUILTIN, "Loupe builtin (MobileNetV2-int8 + bge-small-en-v1.5, ConSE)",
                ModelFamily.BUILTIN, SentenceEncoder.Kind.BGE_SMALL.dimension(), files, null, null, null,
                "Apache-2.0 (MobileNetV2, ONNX Model Zoo); ImageNet labels public domain; bge-small-en-v1.5 MIT "
                        + "(bundled in a Maven Central jar)",
                new PublishedQuality("MobileNetV2-1.0-int8 ImageNet-1k top-1 68.30%, top-5 88.44% (the classifier "
                        + "only; text search goes through its 1000 classes); Loupe's own caption retrieval "
                        + "numbers are in docs/quality.md",
                        "ONNX Model Zoo, vision/classification/mobilenet/README.md; docs/quality.md"),
                "Works offline: the classifier and labels are small, the text encoder ships in a jar. Its second, "
                        + "visual-only space makes image-to-image search blend pooled CNN features.");
    }

    /** Descriptor name syntax, checked before a name becomes a folder. */
    static boolean validName(String name) {
        return name != null && name.matches("[a-z0-9][a-z0-9._-]*");
    }
}
