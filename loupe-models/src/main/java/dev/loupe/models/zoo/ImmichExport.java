package dev.loupe.models.zoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.models.clip.GraphNames;
import dev.loupe.models.clip.HfTokenizer;
import dev.loupe.models.clip.ImagePreprocessing;
import dev.loupe.models.clip.ModelDescriptor;
import dev.loupe.models.clip.ModelFamily;
import dev.loupe.models.clip.ModelFile;
import dev.loupe.models.clip.PublishedQuality;
import dev.loupe.models.clip.ResizeMode;
import dev.loupe.models.clip.Rgb;
import dev.loupe.models.clip.TextCleaning;
import dev.loupe.models.clip.TextTokenization;
import dev.loupe.models.clip.TokenizerKind;
import dev.loupe.models.image.ResampleFilter;
import dev.loupe.models.store.Sha256;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a CLIP-family model exported the way Immich's machine-learning service keeps it in its model cache
 * ({@code <cache>/clip/<Model-Name>/}), whatever the model: OpenCLIP (OpenAI CLIP, LAION, XLM-R text towers),
 * SigLIP and SigLIP 2, NLLB-CLIP, M-CLIP, MobileCLIP.
 * <pre>
 *   config.json                    OpenCLIP model config: embed_dim, vision_cfg.image_size, text_cfg.context_length
 *                                  (default 77), text_cfg.tokenizer_kwargs.clean ("canonicalize" for SigLIP),
 *                                  init_logit_bias (SigLIP)
 *   visual/model.onnx              image graph: one float input [N or 1, 3, size, size], first output = embedding
 *   visual/preprocess_cfg.json     size, mean, std, interpolation, resize_mode (shortest | squash)
 *   textual/model.onnx             text graph: int32 "text" [1, context] (OpenCLIP), or "input_ids" and
 *                                  "attention_mask" (M-CLIP); first output = embedding
 *   textual/tokenizer.json         Hugging Face tokenizer
 *   textual/tokenizer_config.json  pad_token: the token rows are padded with
 * </pre>
 * The descriptor built from it feeds the graphs exactly what Immich feeds them (whitespace folded, or OpenCLIP's
 * canonical cleaning for SigLIP; the tokenizer's own special tokens; truncated and padded to the context length with
 * the pad token; int32 ids; an attention mask where the graph takes one), with one difference: images are resized
 * and cropped as OpenCLIP's reference pipeline does (torchvision rounding), which Immich approximates to a pixel.
 * Every file's checksum is the one of the file as found, so {@code loupe models verify} notices later changes.
 *
 * <p>Bad folders are refused before anything is copied, naming what is wrong and what to do: a missing file, a
 * graph whose inputs or dimensions do not match the configs beside it, a tokenizer of an unknown kind.
 */
public final class ImmichExport {
    public static final String CONFIG = "config.json";
    public static final String VISUAL = "visual/model.onnx";
    public static final String PREPROCESS = "visual/preprocess_cfg.json";
    public static final String TEXTUAL = "textual/model.onnx";
    public static final String TOKENIZER = "textual/tokenizer.json";
    public static final String TOKENIZER_CONFIG = "textual/tokenizer_config.json";
    /** The files every export has, in the order they are listed. */
    public static final List<String> FILES = List.of(CONFIG, VISUAL, PREPROCESS, TEXTUAL, TOKENIZER, TOKENIZER_CONFIG);
    /** Where Immich publishes its exports; a model's files are under {@code <HUB><Model-Name>/resolve/main/}. */
    public static final String HUB = "https://huggingface.co/immich-app/";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ImmichExport() {
    }

    /** Whether {@code dir} is laid out as an Immich model folder (it has the image and text graphs). */
    public static boolean looksLike(Path dir) {
        return Files.isRegularFile(dir.resolve(VISUAL)) || Files.isRegularFile(dir.resolve(TEXTUAL))
                || Files.isRegularFile(dir.resolve(CONFIG)) && Files.isDirectory(dir.resolve("visual"));
    }

    /** The Immich model name of a folder: its own name, e.g. {@code ViT-B-16-SigLIP2__webli}. */
    public static String modelName(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        return abs.getFileName() == null ? "model" : abs.getFileName().toString();
    }

    /**
     * Loupe's name for an Immich model: lower-cased, other characters than {@code [a-z0-9._-]} replaced by '-'.
     * {@code ViT-B-16-SigLIP2__webli} becomes {@code vit-b-16-siglip2__webli}.
     */
    public static String loupeName(String immichName) {
        String n = immichName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        return n.matches("[a-z0-9].*") ? n : "m" + n;
    }

    /**
     * The model folder {@code from} points at: {@code from} itself when it is laid out as an export, else, when
     * {@code name} is given, the folder of that model in an Immich cache: {@code from/clip/<Model-Name>} or
     * {@code from/<Model-Name>} whose {@link #loupeName} is {@code name} (Immich keeps newer downloads one level
     * deeper, in a folder named after the revision; that is looked into too).
     *
     * @throws IllegalArgumentException when no such folder is there, listing what was looked for
     */
    public static Path locate(Path from, String name) {
        if (!Files.isDirectory(from)) {
            throw new IllegalArgumentException("--from " + from + " is not a folder; give the folder of one model "
                    + "from Immich's model cache (…/clip/MODEL-NAME)");
        }
        if (looksLike(from)) {
            return from;
        }
        if (name != null) {
            for (Path parent : List.of(from.resolve("clip"), from)) {
                for (Path candidate : subfolders(parent)) {
                    if (loupeName(candidate.getFileName().toString()).equals(name)) {
                        if (looksLike(candidate)) {
                            return candidate;
                        }
                        List<Path> revisions = subfolders(candidate).stream().filter(ImmichExport::looksLike).toList();
                        if (revisions.size() == 1) {
                            return revisions.get(0);
                        }
                    }
                }
            }
        }
        throw new IllegalArgumentException(name == null ? notAnExport(from) : "the folder " + from + " is not an "
                + "Immich model export and holds no folder of model '" + name + "' (looked in " + from.resolve("clip")
                + " and " + from + "); give the folder of the model itself (…/clip/MODEL-NAME)");
    }

    /** The message for a folder that is not an export: what one holds and where to find it. */
    public static String notAnExport(Path dir) {
        return "the folder " + dir + " is not an Immich model export: it has none of " + String.join(", ", FILES)
                + ". Give the folder of one model from Immich's model cache (…/clip/MODEL-NAME), name a model of "
                + "'loupe models list', or describe another export with --descriptor FILE";
    }

    private static List<Path> subfolders(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /**
     * Reads the folder into a descriptor named {@code name}.
     *
     * @throws IllegalArgumentException when the folder is not a complete, consistent export, saying what is wrong
     */
    public static ModelDescriptor read(Path dir, String name) {
        requireFiles(dir);
        String immichName = modelName(dir);
        JsonNode config = json(dir, CONFIG);
        JsonNode preprocess = json(dir, PREPROCESS);
        JsonNode tokenizerConfig = json(dir, TOKENIZER_CONFIG);

        int dimension = positiveInt(config.path("embed_dim"), CONFIG, "embed_dim", dir);
        JsonNode textCfg = config.path("text_cfg");
        int context = textCfg.has("context_length")
                ? positiveInt(textCfg.path("context_length"), CONFIG, "text_cfg.context_length", dir) : 77;
        boolean sigmoid = config.has("init_logit_bias");
        TextCleaning clean = "canonicalize".equals(textCfg.path("tokenizer_kwargs").path("clean").asText(null))
                ? TextCleaning.CANONICALIZE : TextCleaning.WHITESPACE;

        ImagePreprocessing image = image(preprocess, dir);
        String padToken = padToken(tokenizerConfig, dir);
        HfTokenizer.inspect(dir.resolve(TOKENIZER), padToken);

        ExportGraphs.Image visual = ExportGraphs.image(dir, VISUAL, image.size(), dimension);
        ExportGraphs.Text textual = ExportGraphs.text(dir, TEXTUAL, context, dimension);

        List<ModelFile> files = new ArrayList<>();
        for (String f : FILES) {
            files.add(file(dir, immichName, f));
            List<String> external = f.equals(VISUAL) ? visual.externalData()
                    : f.equals(TEXTUAL) ? textual.externalData() : List.of();
            for (String x : external) {
                files.add(file(dir, immichName, x));
            }
        }
        ModelFamily family = family(immichName, sigmoid, textual.mask() != null);
        GraphNames graph = new GraphNames(VISUAL, visual.input(), visual.output(), TEXTUAL, textual.input(),
                textual.output(), textual.mask(), textual.idType());
        TextTokenization text = new TextTokenization(TokenizerKind.HF_TOKENIZER, context, TOKENIZER, padToken, clean);
        return new ModelDescriptor(name, immichName + " (Immich export)", family, dimension, files, image, text,
                graph, "as published by the model's authors; the export's files do not state it (see the model card "
                + "of " + HUB + immichName + ")",
                new PublishedQuality("not in Loupe's catalogue: see OpenCLIP's results tables for " + immichName,
                        "Immich model export " + immichName + " (config.json)"),
                "Installed from an Immich model folder (" + dir.toAbsolutePath().normalize() + "); checksums are those "
                        + "of the files as found.", null, null);
    }

    /** Whether a descriptor lays its files out as an Immich export (so an Immich folder can fill it). */
    public static boolean isImmichLayout(ModelDescriptor d) {
        return d.file(VISUAL).isPresent() && d.file(TEXTUAL).isPresent();
    }

    /**
     * Refuses a folder whose export differs from Loupe's catalogue entry of the same name (another revision, a
     * renamed folder): the graphs' tensor names, the sizes and the tokenization must be the ones the entry gives.
     *
     * @param read the descriptor {@link #read} made of the folder
     */
    public static void requireMatches(ModelDescriptor known, ModelDescriptor read, Path dir) {
        List<String> diffs = new ArrayList<>();
        diff(diffs, "embeddingDimension", known.embeddingDimension(), read.embeddingDimension());
        diff(diffs, "image.size", known.image().size(), read.image().size());
        diff(diffs, "image.resizeMode", known.image().resize().configName(), read.image().resize().configName());
        diff(diffs, "text.contextLength", known.text().contextLength(), read.text().contextLength());
        diff(diffs, "text.padToken", known.text().padToken(), read.text().padToken());
        diff(diffs, "graph.imageInput", known.graph().imageInput(), read.graph().imageInput());
        diff(diffs, "graph.imageOutput", known.graph().imageOutput(), read.graph().imageOutput());
        diff(diffs, "graph.textInput", known.graph().textInput(), read.graph().textInput());
        diff(diffs, "graph.textOutput", known.graph().textOutput(), read.graph().textOutput());
        diff(diffs, "graph.attentionMaskInput", known.graph().attentionMaskInput(), read.graph().attentionMaskInput());
        diff(diffs, "graph.textInputType", known.graph().textInputType(), read.graph().textInputType());
        if (!diffs.isEmpty()) {
            throw new IllegalArgumentException("the Immich export in " + dir + " does not match Loupe's catalogue "
                    + "entry '" + known.name() + "': " + String.join("; ", diffs) + ". It is another export of the "
                    + "model or its files are mixed up; install it under another name (loupe models install "
                    + "OTHER-NAME --from " + dir + ") or copy the folder from Immich again");
        }
    }

    private static void diff(List<String> out, String field, Object expected, Object actual) {
        if (!java.util.Objects.equals(expected, actual)) {
            out.add(field + " is " + actual + " in the folder, " + expected + " in the catalogue");
        }
    }

    /**
     * The files of {@code d} with the checksums of the files in {@code dir} where the descriptor publishes none: a
     * local folder holds the user's own copies, so their checksums are recorded as found (and {@code verify}
     * notices later changes); checksums the descriptor does publish stay and are checked when the files are copied.
     */
    public static ModelDescriptor withLocalChecksums(ModelDescriptor known, Path dir) {
        List<ModelFile> files = new ArrayList<>();
        for (ModelFile f : known.files()) {
            Path local = dir.resolve(f.name());
            if (f.sha256() != null || !Files.isRegularFile(local)) {
                files.add(f);
            } else {
                files.add(new ModelFile(f.name(), f.url(), sha256(local), size(local), f.approximateSize(), null));
            }
        }
        return known.withFiles(files);
    }

    private static void requireFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a folder; give the folder of one model from Immich's "
                    + "model cache (…/clip/MODEL-NAME)");
        }
        List<String> missing = FILES.stream().filter(f -> !Files.isRegularFile(dir.resolve(f))).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the folder " + dir + " is not a complete Immich model export: it has "
                    + "no " + String.join(", ", missing) + ". An Immich model folder holds " + String.join(", ", FILES)
                    + "; copy the whole folder from Immich's model cache (…/clip/MODEL-NAME) again");
        }
    }

    private static ImagePreprocessing image(JsonNode cfg, Path dir) {
        JsonNode sizeNode = cfg.path("size");
        int size = positiveInt(sizeNode.isArray() ? sizeNode.path(0) : sizeNode, PREPROCESS, "size", dir);
        if (sizeNode.isArray() && sizeNode.size() == 2 && sizeNode.path(1).asInt() != size) {
            throw new IllegalArgumentException(dir.resolve(PREPROCESS) + ": size " + sizeNode + " is not square; "
                    + "Loupe (like Immich) feeds square images");
        }
        String mode = cfg.path("resize_mode").asText("shortest");
        ResizeMode resize = switch (mode) {
            case "shortest" -> ResizeMode.SHORTEST;
            case "squash" -> ResizeMode.SQUASH;
            default -> throw new IllegalArgumentException(dir.resolve(PREPROCESS) + ": resize_mode '" + mode
                    + "' is not supported; Loupe, like Immich, knows 'shortest' and 'squash'");
        };
        ResampleFilter resample;
        try {
            resample = ResampleFilter.fromConfigName(cfg.path("interpolation").asText("bicubic"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(dir.resolve(PREPROCESS) + ": interpolation: " + e.getMessage(), e);
        }
        return new ImagePreprocessing(size, size, rgb(cfg.path("mean"), "mean", dir), rgb(cfg.path("std"), "std", dir),
                resample, resize);
    }

    private static Rgb rgb(JsonNode n, String field, Path dir) {
        if (!n.isArray() || n.size() != 3 || !n.path(0).isNumber() || !n.path(1).isNumber() || !n.path(2).isNumber()) {
            throw new IllegalArgumentException(dir.resolve(PREPROCESS) + ": " + field + " must be 3 numbers (red, "
                    + "green, blue), got " + n);
        }
        return new Rgb(n.get(0).asDouble(), n.get(1).asDouble(), n.get(2).asDouble());
    }

    private static String padToken(JsonNode cfg, Path dir) {
        JsonNode pad = cfg.path("pad_token");
        String token = pad.isTextual() ? pad.asText() : pad.path("content").asText(null);
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException(dir.resolve(TOKENIZER_CONFIG) + " names no pad_token; Immich pads "
                    + "every query with it. Copy the tokenizer files of the export again");
        }
        return token;
    }

    /**
     * The family from what the export says of itself: SigLIP configs carry {@code init_logit_bias}; M-CLIP's text
     * graph takes an attention mask; MobileCLIP is known by name.
     */
    static ModelFamily family(String immichName, boolean sigmoid, boolean mask) {
        String lower = immichName.toLowerCase(Locale.ROOT);
        if (sigmoid || lower.contains("siglip")) {
            return ModelFamily.SIGLIP;
        }
        if (mask) {
            return ModelFamily.MCLIP;
        }
        return lower.contains("mobileclip") ? ModelFamily.MOBILECLIP : ModelFamily.CLIP;
    }

    private static ModelFile file(Path dir, String immichName, String name) {
        Path p = dir.resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("the folder " + dir + " has no " + name + ", which " + name
                    + " refers to; copy the whole folder from Immich's model cache again");
        }
        return new ModelFile(name, HUB + immichName + "/resolve/main/" + name, sha256(p), size(p), null, null);
    }

    private static JsonNode json(Path dir, String name) {
        Path p = dir.resolve(name);
        try {
            JsonNode n = JSON.readTree(p.toFile());
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException(p + " is not a JSON object; copy the export's files again");
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(p + " is not valid JSON (" + e.getOriginalMessage() + "); copy the "
                    + "export's files again", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    private static int positiveInt(JsonNode n, String file, String field, Path dir) {
        if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() <= 0) {
            throw new IllegalArgumentException(dir.resolve(file) + ": " + field + " must be a positive integer, got "
                    + (n.isMissingNode() ? "nothing" : n.toString()) + "; copy the export's files again");
        }
        return n.asInt();
    }

    private static String sha256(Path p) {
        try {
            return Sha256.of(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }
}
