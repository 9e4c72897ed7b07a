package dev.loupe.models.clip;

import dev.loupe.core.Relevance;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything Loupe needs to know to install and run one embedding model: its files and where to get them, image
 * preprocessing, tokenizer, graph input and output names, licence and published quality. Read from JSON by
 * {@link ModelDescriptors}; the shipped descriptors live in {@code dev/loupe/models/descriptors/}.
 *
 * @param name               stable id, lower-case ({@code [a-z0-9][a-z0-9._-]*}), used on the command line
 * @param displayName        human-readable name
 * @param family             which encoder implementation runs it
 * @param embeddingDimension length of the image and text embeddings
 * @param files              the files to download, at least one
 * @param image              image preprocessing; required for {@link ModelFamily#CLIP}
 * @param text               tokenization; required for {@link ModelFamily#CLIP}
 * @param graph              ONNX graph files and tensor names; required for {@link ModelFamily#CLIP}
 * @param licence            licence of the weights (and of the export, when it differs)
 * @param quality            published quality numbers with their citation
 * @param notes              anything else a user or maintainer should know, or null
 * @param languages          the languages its text tower reads, in words (e.g. "English", "about 100 (XLM-RoBERTa)"),
 *                           or null when not stated
 * @param relevance          how its text-to-image cosine reads as a match probability, when the model carries its own
 *                           (SigLIP's logit scale and bias); null lets the engine measure one
 */
public record ModelDescriptor(String name, String displayName, ModelFamily family, int embeddingDimension,
                              List<ModelFile> files, ImagePreprocessing image, TextTokenization text,
                              GraphNames graph, String licence, PublishedQuality quality, String notes,
                              String languages, Relevance relevance) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    public ModelDescriptor {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidDescriptorException(null, "name", "must be lower-case letters, digits, '.', '_' or "
                    + "'-', got " + name);
        }
        requireText("displayName", displayName);
        if (family == null) {
            throw new InvalidDescriptorException(null, "family", "is required");
        }
        if (embeddingDimension <= 0) {
            throw new InvalidDescriptorException(null, "embeddingDimension", "must be positive, got "
                    + embeddingDimension);
        }
        files = List.copyOf(Objects.requireNonNull(files, "files"));
        if (files.isEmpty()) {
            throw new InvalidDescriptorException(null, "files", "must list at least one file");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < files.size(); i++) {
            if (!names.add(files.get(i).name())) {
                throw new InvalidDescriptorException(null, "files[" + i + "].name", "repeats '"
                        + files.get(i).name() + "'; file names must be unique");
            }
        }
        if (family.dualEncoder()) {
            String f = "family '" + family.configName() + "'";
            if (image == null) {
                throw new InvalidDescriptorException(null, "image", "is required for " + f);
            }
            if (text == null) {
                throw new InvalidDescriptorException(null, "text", "is required for " + f);
            }
            if (graph == null) {
                throw new InvalidDescriptorException(null, "graph", "is required for " + f);
            }
        }
        if (text != null && !names.contains(text.file())) {
            throw new InvalidDescriptorException(null, "text.file", "names '" + text.file() + "', which is not "
                    + "among the files " + names);
        }
        if (graph != null) {
            if (!names.contains(graph.imageModel())) {
                throw new InvalidDescriptorException(null, "graph.imageModel", "names '" + graph.imageModel()
                        + "', which is not among the files " + names);
            }
            if (!names.contains(graph.textModel())) {
                throw new InvalidDescriptorException(null, "graph.textModel", "names '" + graph.textModel()
                        + "', which is not among the files " + names);
            }
        }
        requireText("licence", licence);
        if (quality == null) {
            throw new InvalidDescriptorException(null, "quality", "is required (summary and citation)");
        }
    }

    /** A descriptor without stated languages or relevance calibration. */
    public ModelDescriptor(String name, String displayName, ModelFamily family, int embeddingDimension,
                           List<ModelFile> files, ImagePreprocessing image, TextTokenization text, GraphNames graph,
                           String licence, PublishedQuality quality, String notes) {
        this(name, displayName, family, embeddingDimension, files, image, text, graph, licence, quality, notes, null,
                null);
    }

    /** The same descriptor with other files (e.g. with the checksums an install recorded). */
    public ModelDescriptor withFiles(List<ModelFile> newFiles) {
        return new ModelDescriptor(name, displayName, family, embeddingDimension, newFiles, image, text, graph,
                licence, quality, notes, languages, relevance);
    }

    /** The same descriptor under another name. */
    public ModelDescriptor withName(String newName, String newDisplayName) {
        return new ModelDescriptor(newName, newDisplayName, family, embeddingDimension, files, image, text, graph,
                licence, quality, notes, languages, relevance);
    }

    /** The file of this name. */
    public Optional<ModelFile> file(String fileName) {
        return files.stream().filter(f -> f.name().equals(fileName)).findFirst();
    }

    /** Files whose download cannot be checked against a published SHA-256. */
    public List<ModelFile> unverifiedFiles() {
        return files.stream().filter(f -> !f.verifiable()).toList();
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidDescriptorException(null, field, "is required");
        }
    }
}
