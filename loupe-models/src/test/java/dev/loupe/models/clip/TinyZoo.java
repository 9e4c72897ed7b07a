package dev.loupe.models.clip;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.models.onnx.Dim;
import dev.loupe.models.onnx.ElementType;
import dev.loupe.models.onnx.OnnxAttribute;
import dev.loupe.models.onnx.OnnxModelBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tiny models of each CLIP family Immich runs, written as Immich lays them out in its model cache
 * ({@code <Model-Name>/config.json, visual/model.onnx, visual/preprocess_cfg.json, textual/model.onnx,
 * textual/tokenizer.json, textual/tokenizer_config.json}), with each family's shape:
 * <ul>
 *   <li>{@link #siglip}: {@code ViT-B-16-SigLIP-256__webli} — the name, embedding size (768), input size (256, squash,
 *       mean and std 0.5) and text length (64, int32 {@code text}, OpenCLIP's canonical cleaning) of the real export,
 *       so it installs as the catalogue's SigLIP model with its logit scale and bias; a SentencePiece Unigram
 *       tokenizer (T5-style: {@code </s>} appended and used as padding) that knows colour words in six languages;</li>
 *   <li>{@link #multilingual}: an M-CLIP shape ({@code input_ids} and {@code attention_mask}, int32, masked mean
 *       pooling, a non-zero padding row so that a wrong mask shows), XLM-RoBERTa's tokenizer layout
 *       ({@code <s> … </s>}, {@code <pad>} = 1), the same six languages;</li>
 *   <li>{@link #mobileClip}: MobileCLIP's input (256 pixels, shortest side + centre crop, bilinear, no
 *       normalization) and CLIP's byte-level BPE in a tokenizer.json padded with {@code <|endoftext|>}.</li>
 * </ul>
 * Like {@link TinyClip}, every tower sees colour: "blue", "blau", "azul", "bleu", "青" all point to the blue
 * direction, so a query in any of those languages finds the rocket's sky. Image graphs fix their batch at 1, as
 * Immich's exporter does.
 */
public final class TinyZoo {
    public static final String SIGLIP = "ViT-B-16-SigLIP-256__webli";
    public static final String MULTILINGUAL = "XLM-Roberta-Large-Vit-B-32";
    public static final String MOBILECLIP = "MobileCLIP2-S0__dfndr2b";
    public static final int SIGLIP_DIMENSION = 768;
    public static final int MULTILINGUAL_DIMENSION = 96;
    public static final int MOBILECLIP_DIMENSION = 64;

    /** Colour words by language, each mapped to {@link TinyClip#WORDS}' English word. */
    public static final Map<String, String> TRANSLATIONS = translations();

    private static final ObjectMapper JSON = new ObjectMapper();

    private TinyZoo() {
    }

    private static Map<String, String> translations() {
        Map<String, String> t = new LinkedHashMap<>();
        String[][] rows = {
                {"red", "rot", "rojo", "rouge", "赤", "红"},
                {"green", "grün", "verde", "vert", "緑", "绿"},
                {"blue", "blau", "azul", "bleu", "青", "蓝"},
                {"yellow", "gelb", "amarillo", "jaune", "黄"},
                {"white", "weiß", "blanco", "blanc", "白"},
                {"black", "schwarz", "negro", "noir", "黒", "黑"}};
        for (String[] row : rows) {
            for (String w : row) {
                t.put(w, row[0]);
            }
        }
        return Map.copyOf(t);
    }

    /** Copies a tokenizer.json fixture of the test resources ({@code dev/loupe/models/zoo/}) into {@code dir}. */
    public static Path fixture(String name, Path dir) {
        return fixtureAs(name, dir.resolve(name));
    }

    /** Copies a tokenizer.json fixture of the test resources to {@code out}. */
    public static Path fixtureAs(String name, Path out) {
        Path dir = out.getParent();
        try (InputStream in = TinyZoo.class.getResourceAsStream("/dev/loupe/models/zoo/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource dev/loupe/models/zoo/" + name + " is missing");
            }
            Files.createDirectories(dir);
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the tiny SigLIP export into {@code parent/ViT-B-16-SigLIP-256__webli}; returns that folder. */
    public static Path siglip(Path parent) throws IOException {
        Path dir = parent.resolve(SIGLIP);
        TinyClip.Shape shape = new TinyClip.Shape(256, new Rgb(0.5, 0.5, 0.5), new Rgb(0.5, 0.5, 0.5),
                SIGLIP_DIMENSION);
        int context = 64;
        Path tokenizer = fixtureAs("siglip-tokenizer.json", dir.resolve("textual/tokenizer.json"));
        writeJson(dir.resolve("config.json"), Map.of("embed_dim", SIGLIP_DIMENSION, "init_logit_bias", -10,
                "vision_cfg", Map.of("image_size", 256), "text_cfg", Map.of("context_length", context,
                        "vocab_size", 32000, "tokenizer_kwargs", Map.of("clean", "canonicalize"))));
        writeJson(dir.resolve("visual/preprocess_cfg.json"), Map.of("size", List.of(256, 256), "mode", "RGB",
                "mean", List.of(0.5, 0.5, 0.5), "std", List.of(0.5, 0.5, 0.5), "interpolation", "bicubic",
                "resize_mode", "squash", "fill_color", 0));
        writeJson(dir.resolve("textual/tokenizer_config.json"), Map.of("pad_token", "</s>", "eos_token", "</s>",
                "unk_token", "<unk>", "model_max_length", context));
        Files.write(dir.resolve("visual/model.onnx"), TinyClip.imageGraph("image", "embedding", Dim.of(1), shape));
        // SigLIP pads with </s>: a small end row keeps the colour words dominant in the mean over 64 positions
        float[] table = hfTokenTable(tokenizer, "</s>", 0f, "</s>", 0.02f);
        Files.write(dir.resolve("textual/model.onnx"), meanTextGraph("text", context, table, shape));
        return dir;
    }

    /** Writes the tiny M-CLIP export into {@code parent/XLM-Roberta-Large-Vit-B-32}; returns that folder. */
    public static Path multilingual(Path parent) throws IOException {
        Path dir = parent.resolve(MULTILINGUAL);
        TinyClip.Shape shape = new TinyClip.Shape(224, ImagePreprocessing.CLIP.mean(), ImagePreprocessing.CLIP.std(),
                MULTILINGUAL_DIMENSION);
        int context = 77;
        Path tokenizer = fixtureAs("xlm-roberta-tokenizer.json", dir.resolve("textual/tokenizer.json"));
        writeJson(dir.resolve("config.json"), Map.of("embed_dim", MULTILINGUAL_DIMENSION,
                "vision_cfg", Map.of("image_size", 224), "text_cfg", Map.of("context_length", context)));
        writeJson(dir.resolve("visual/preprocess_cfg.json"), Map.of("size", 224, "mode", "RGB",
                "mean", rgb(ImagePreprocessing.CLIP.mean()), "std", rgb(ImagePreprocessing.CLIP.std()),
                "interpolation", "bicubic", "resize_mode", "shortest"));
        writeJson(dir.resolve("textual/tokenizer_config.json"), Map.of("pad_token", "<pad>", "bos_token", "<s>",
                "eos_token", "</s>", "unk_token", "<unk>", "model_max_length", 512));
        Files.write(dir.resolve("visual/model.onnx"), TinyClip.imageGraph("image", "embedding", Dim.of(1), shape));
        float[] table = hfTokenTable(tokenizer, "<pad>", 3f, "</s>", 0.25f);
        Files.write(dir.resolve("textual/model.onnx"), maskedTextGraph(context, table, shape));
        return dir;
    }

    /** Writes the tiny MobileCLIP export into {@code parent/MobileCLIP2-S0__dfndr2b}; returns that folder. */
    public static Path mobileClip(Path parent) throws IOException {
        Path dir = parent.resolve(MOBILECLIP);
        TinyClip.Shape shape = new TinyClip.Shape(256, new Rgb(0, 0, 0), new Rgb(1, 1, 1), MOBILECLIP_DIMENSION);
        int context = 77;
        Files.createDirectories(dir.resolve("textual"));
        HfClipTokenizerTest.writeClipTokenizerJson(ClipTokenizer.fromMergesFile(TinyClip.sharedMergesFile())
                .vocabulary(), dir.resolve("textual/tokenizer.json"));
        writeJson(dir.resolve("config.json"), Map.of("embed_dim", MOBILECLIP_DIMENSION,
                "vision_cfg", Map.of("image_size", 256), "text_cfg", Map.of("context_length", context,
                        "vocab_size", TinyClip.VOCAB)));
        writeJson(dir.resolve("visual/preprocess_cfg.json"), Map.of("size", 256, "mode", "RGB",
                "mean", List.of(0.0, 0.0, 0.0), "std", List.of(1.0, 1.0, 1.0), "interpolation", "bilinear",
                "resize_mode", "shortest"));
        // Loupe's CLIP vocabulary names the special tokens <start_of_text> and <end_of_text>
        writeJson(dir.resolve("textual/tokenizer_config.json"), Map.of("pad_token", ClipBpeVocabulary.END_TOKEN,
                "bos_token", ClipBpeVocabulary.START_TOKEN, "eos_token", ClipBpeVocabulary.END_TOKEN,
                "model_max_length", context));
        Files.write(dir.resolve("visual/model.onnx"), TinyClip.imageGraph("image", "embedding", Dim.of(1), shape));
        Files.write(dir.resolve("textual/model.onnx"), meanTextGraph("text", context, TinyClip.tokenTable(0f),
                shape));
        return dir;
    }

    /**
     * Rows (r, g, b, brightness, text-only) of every piece of the tokenizer: each language's colour word gets its
     * English word's colour, {@code end} {@code endWeight} along the text-only direction, and {@code pad} the
     * {@code padding} value in every column.
     */
    static float[] hfTokenTable(Path tokenizerJson, String pad, float padding, String end, float endWeight)
            throws IOException {
        int vocab = JSON.readTree(tokenizerJson.toFile()).path("model").path("vocab").size();
        float[] table = new float[vocab * 5];
        try (HuggingFaceTokenizer t = HuggingFaceTokenizer.builder().optTokenizerPath(tokenizerJson)
                .optAddSpecialTokens(false).build()) {
            for (Map.Entry<String, String> w : TRANSLATIONS.entrySet()) {
                long[] ids = t.encode(w.getKey(), false, false).getIds();
                if (ids.length != 1) {
                    throw new IllegalStateException("'" + w.getKey() + "' is not one piece of " + tokenizerJson + ": "
                            + java.util.Arrays.toString(ids));
                }
                System.arraycopy(TinyClip.WORDS.get(w.getValue()), 0, table, (int) ids[0] * 5, 4);
            }
            long[] endIds = t.encode(end, false, false).getIds();
            table[(int) endIds[0] * 5 + 4] = endWeight;
            int padId = (int) t.encode(pad, false, false).getIds()[0];
            for (int j = 0; j < 5; j++) {
                table[padId * 5 + j] += padding;
            }
        }
        return table;
    }

    /** Text graph as OpenCLIP exports it for Immich: int32 ids [1, context] → mean of the token rows → embedding. */
    static byte[] meanTextGraph(String input, int context, float[] table, TinyClip.Shape shape) {
        return new OnnxModelBuilder("tiny-text").opset("", 13).producer("loupe-test", "1")
                .input(input, ElementType.INT32, Dim.of(1), Dim.of(context))
                .floatInitializer("token_table", new long[] {table.length / 5, 5}, table)
                .floatInitializer("projection", new long[] {5, shape.dimension()}, TinyClip.textProjection(shape))
                .node("Gather", List.of("token_table", input), List.of("tokens"), OnnxAttribute.integer("axis", 0))
                .node("ReduceMean", List.of("tokens"), List.of("mean"),
                        OnnxAttribute.ints("axes", 1), OnnxAttribute.integer("keepdims", 0))
                .node("MatMul", List.of("mean", "projection"), List.of("embedding"))
                .output("embedding", ElementType.FLOAT, Dim.of(1), Dim.of(shape.dimension()))
                .build();
    }

    /** M-CLIP's text graph: int32 input_ids and attention_mask [1, context], sum of the rows the mask keeps. */
    static byte[] maskedTextGraph(int context, float[] table, TinyClip.Shape shape) {
        return new OnnxModelBuilder("tiny-mclip-text").opset("", 13).producer("loupe-test", "1")
                .input("input_ids", ElementType.INT32, Dim.of(1), Dim.of(context))
                .input("attention_mask", ElementType.INT32, Dim.of(1), Dim.of(context))
                .floatInitializer("token_table", new long[] {table.length / 5, 5}, table)
                .floatInitializer("projection", new long[] {5, shape.dimension()}, TinyClip.textProjection(shape))
                .int64Initializer("last_axis", new long[] {1}, new long[] {2})
                .int64Initializer("token_axis", new long[] {1}, new long[] {1})
                .node("Gather", List.of("token_table", "input_ids"), List.of("tokens"),
                        OnnxAttribute.integer("axis", 0))
                .node("Cast", List.of("attention_mask"), List.of("mask_f"),
                        OnnxAttribute.integer("to", ElementType.FLOAT.code()))
                .node("Unsqueeze", List.of("mask_f", "last_axis"), List.of("mask_3d"))
                .node("Mul", List.of("tokens", "mask_3d"), List.of("kept"))
                .node("ReduceSum", List.of("kept", "token_axis"), List.of("sum"), OnnxAttribute.integer("keepdims", 0))
                .node("MatMul", List.of("sum", "projection"), List.of("embedding"))
                .output("embedding", ElementType.FLOAT, Dim.of(1), Dim.of(shape.dimension()))
                .build();
    }

    private static List<Double> rgb(Rgb c) {
        return List.of(c.r(), c.g(), c.b());
    }

    /** Writes a JSON config file (tests that break an export's configs). */
    public static void writeJsonForTest(Path file, Map<String, ?> value) throws IOException {
        writeJson(file, value);
    }

    static void writeJson(Path file, Map<String, ?> value) throws IOException {
        Files.createDirectories(file.getParent());
        ObjectNode node = JSON.valueToTree(value);
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), node);
    }
}
