package dev.loupe.models.clip;

import dev.loupe.models.onnx.Dim;
import dev.loupe.models.onnx.ElementType;
import dev.loupe.models.onnx.OnnxAttribute;
import dev.loupe.models.onnx.OnnxModelBuilder;
import dev.loupe.models.onnx.SharedData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny, deterministic CLIP-style dual encoder in the layout of the common ONNX exports, for tests that cannot
 * download real weights. It understands colour: the image graph averages the normalized pixels over a 4x4 grid,
 * and its embedding holds the image's chroma (each channel's mean minus the mean of the three, computed on the
 * un-normalized pixels so that grey has none), its brightness above or below mid-grey, and the 48 grid cells (so
 * image-to-image search tells photos apart); the text graph averages a token table in which
 * the CLIP-BPE tokens of colour words ("red", "green", ...) point along the matching chroma direction, "bright" /
 * "white" and "dark" / "black" along brightness, and the end-of-text token along a text-only dimension (so no
 * text embeds to zero). Hence "red" finds red images and "a red photo" tags a red image as red.
 *
 * <pre>
 * image: pixel_values [N,3,224,224] -> AveragePool 56x56 -> Flatten [N,48] -> MatMul [48,53] -> Add [53] -> image_embeds
 * text:  input_ids [N,77] int64 -> Gather [49408,5] -> ReduceMean(tokens) -> MatMul [5,53] -> text_embeds
 * </pre>
 */
public final class TinyClip {
    public static final String NAME = "tiny-clip";
    public static final String IMAGE_FILE = "tiny-clip-image.onnx";
    public static final String TEXT_FILE = "tiny-clip-text.onnx";
    public static final String MERGES_FILE = "bpe_simple_vocab_16e6.txt.gz";
    public static final int DIMENSION = 53;
    static final int VOCAB = 49408;
    static final int SIDE = 224;
    static final int GRID = 4;
    static final int CELLS = 3 * GRID * GRID;            // 48
    static final int TEXT_ONLY = DIMENSION - 1;          // dimension 52
    static final float CHROMA = 4f;
    static final float BRIGHTNESS = 4f;
    static final float CELL = 0.25f;

    /** Chroma (r, g, b) and brightness of each word the text tower knows. */
    static final Map<String, float[]> WORDS = words();

    /**
     * The image tower's input side, normalization and embedding size: {@link #CLIP_SHAPE} for the CLIP layout;
     * the tiny SigLIP and MobileCLIP exports ({@code TinyZoo}) use their families' own.
     */
    public record Shape(int side, Rgb mean, Rgb std, int dimension) {
        public Shape {
            if (side % GRID != 0 || dimension < 4 + CELLS + 1) {
                throw new IllegalArgumentException("side must be a multiple of " + GRID + " and dimension at least "
                        + (4 + CELLS + 1));
            }
        }

        /** The text-only dimension (the end token's), last of the embedding. */
        int textOnly() {
            return dimension - 1;
        }
    }

    public static final Shape CLIP_SHAPE = new Shape(SIDE, ImagePreprocessing.CLIP.mean(), ImagePreprocessing.CLIP.std(),
            DIMENSION);

    private TinyClip() {
    }

    private static Map<String, float[]> words() {
        Map<String, float[]> w = new LinkedHashMap<>();
        w.put("red", new float[] {2, -1, -1, 0});
        w.put("green", new float[] {-1, 2, -1, 0});
        w.put("blue", new float[] {-1, -1, 2, 0});
        w.put("yellow", new float[] {1, 1, -2, 0});
        w.put("purple", new float[] {1, -2, 1, 0});
        w.put("pink", new float[] {1, -1, 0, 1});
        w.put("orange", new float[] {2, 0, -2, 0});
        w.put("bright", new float[] {0, 0, 0, 2});
        w.put("white", new float[] {0, 0, 0, 2});
        w.put("dark", new float[] {0, 0, 0, -2});
        w.put("black", new float[] {0, 0, 0, -2});
        return w;
    }

    /** OpenAI CLIP's BPE merges file in the shared test data. */
    public static Path sharedMergesFile() {
        return SharedData.dir().resolve("models/clip").resolve(MERGES_FILE);
    }

    /** The image graph with the given input and output names. */
    public static byte[] imageGraph(String input, String output) {
        return imageGraph(input, output, Dim.named("N"));
    }

    /** The image graph with the given batch dimension (some exports fix it at 1). */
    public static byte[] imageGraph(String input, String output, Dim batch) {
        return imageGraph(input, output, batch, CLIP_SHAPE);
    }

    /** The image graph of another input side, normalization or embedding size. */
    public static byte[] imageGraph(String input, String output, Dim batch, Shape shape) {
        int side = shape.side();
        return new OnnxModelBuilder("tiny-clip-image").opset("", 13).producer("loupe-test", "1")
                .input(input, ElementType.FLOAT, batch, Dim.of(3), Dim.of(side), Dim.of(side))
                .floatInitializer("projection", new long[] {CELLS, shape.dimension()}, imageProjection(shape))
                .node("AveragePool", List.of(input), List.of("cells"),
                        OnnxAttribute.ints("kernel_shape", side / GRID, side / GRID),
                        OnnxAttribute.ints("strides", side / GRID, side / GRID))
                .node("Flatten", List.of("cells"), List.of("flat"), OnnxAttribute.integer("axis", 1))
                .floatInitializer("bias", new long[] {shape.dimension()}, imageBias(shape))
                .node("MatMul", List.of("flat", "projection"), List.of("projected"))
                .node("Add", List.of("projected", "bias"), List.of(output))
                .output(output, ElementType.FLOAT, batch, Dim.of(shape.dimension()))
                .build();
    }

    /** The text graph as the Hugging Face exports lay it out: int64 {@code input_ids}, no attention mask. */
    public static byte[] textGraph() {
        return new OnnxModelBuilder("tiny-clip-text").opset("", 13).producer("loupe-test", "1")
                .input("input_ids", ElementType.INT64, Dim.named("N"), Dim.of(ClipTokenizer.CONTEXT_LENGTH))
                .floatInitializer("token_table", new long[] {VOCAB, 5}, tokenTable(0f))
                .floatInitializer("projection", new long[] {5, DIMENSION}, textProjection())
                .node("Gather", List.of("token_table", "input_ids"), List.of("tokens"),
                        OnnxAttribute.integer("axis", 0))
                .node("ReduceMean", List.of("tokens"), List.of("mean"),
                        OnnxAttribute.ints("axes", 1), OnnxAttribute.integer("keepdims", 0))
                .node("MatMul", List.of("mean", "projection"), List.of("text_embeds"))
                .output("text_embeds", ElementType.FLOAT, Dim.named("N"), Dim.of(DIMENSION))
                .build();
    }

    /**
     * A text graph taking int32 {@code text} and an int32 {@code mask}, summing only the tokens the mask keeps. The
     * padding token (id 0) has a non-zero row here, so the embeddings equal {@link #textGraph()}'s only when the
     * mask is right.
     */
    public static byte[] maskedInt32TextGraph() {
        return new OnnxModelBuilder("tiny-clip-text-masked").opset("", 13)
                .input("text", ElementType.INT32, Dim.named("N"), Dim.of(ClipTokenizer.CONTEXT_LENGTH))
                .input("mask", ElementType.INT32, Dim.named("N"), Dim.of(ClipTokenizer.CONTEXT_LENGTH))
                .floatInitializer("token_table", new long[] {VOCAB, 5}, tokenTable(3f))
                .floatInitializer("projection", new long[] {5, DIMENSION}, textProjection())
                .int64Initializer("last_axis", new long[] {1}, new long[] {2})
                .int64Initializer("token_axis", new long[] {1}, new long[] {1})
                .node("Gather", List.of("token_table", "text"), List.of("tokens"), OnnxAttribute.integer("axis", 0))
                .node("Cast", List.of("mask"), List.of("mask_f"), OnnxAttribute.integer("to", ElementType.FLOAT.code()))
                .node("Unsqueeze", List.of("mask_f", "last_axis"), List.of("mask_3d"))
                .node("Mul", List.of("tokens", "mask_3d"), List.of("kept"))
                .node("ReduceSum", List.of("kept", "token_axis"), List.of("sum"), OnnxAttribute.integer("keepdims", 0))
                .node("MatMul", List.of("sum", "projection"), List.of("text_embedding"))
                .output("text_embedding", ElementType.FLOAT, Dim.named("N"), Dim.of(DIMENSION))
                .build();
    }

    /**
     * The image embedding (before normalization) computed in plain Java from preprocessed CHW pixels, to check the
     * ONNX graph and the encoder's wiring independently.
     */
    public static float[] imageEmbeddingByHand(float[] chw) {
        int cell = SIDE / GRID;
        float[] cells = new float[CELLS];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    cells[c * GRID * GRID + (y / cell) * GRID + x / cell] += chw[c * SIDE * SIDE + y * SIDE + x];
                }
            }
        }
        float[] w = imageProjection(CLIP_SHAPE);
        float[] out = imageBias(CLIP_SHAPE);
        for (int i = 0; i < CELLS; i++) {
            float mean = cells[i] / (cell * cell);
            for (int d = 0; d < DIMENSION; d++) {
                out[d] += mean * w[i * DIMENSION + d];
            }
        }
        return out;
    }

    /**
     * Chroma and brightness are linear in the raw channel means {@code raw_c = mean_c + std_c * normalized_c}:
     * the normalized part goes into the weights, the constant part into {@link #imageBias()}.
     */
    private static float[] imageProjection(Shape shape) {
        int d = shape.dimension();
        float[] w = new float[CELLS * d];
        int perChannel = GRID * GRID;
        for (int c = 0; c < 3; c++) {
            float std = (float) shape.std().get(c);
            for (int k = 0; k < perChannel; k++) {
                int row = c * perChannel + k;
                for (int c2 = 0; c2 < 3; c2++) {
                    w[row * d + c2] = CHROMA * ((c == c2 ? 1f : 0f) - 1f / 3) * std / perChannel;
                }
                w[row * d + 3] = BRIGHTNESS * std / CELLS;
                w[row * d + 4 + row] = CELL;
            }
        }
        return w;
    }

    private static float[] imageBias(Shape shape) {
        float[] bias = new float[shape.dimension()];
        double meanOfMeans = 0;
        for (int c = 0; c < 3; c++) {
            meanOfMeans += shape.mean().get(c) / 3;
        }
        for (int c = 0; c < 3; c++) {
            bias[c] = (float) (CHROMA * (shape.mean().get(c) - meanOfMeans));
        }
        bias[3] = (float) (BRIGHTNESS * (meanOfMeans - 0.5));
        return bias;
    }

    private static float[] textProjection() {
        return textProjection(CLIP_SHAPE);
    }

    /** Maps a token-table row (chroma r, g, b, brightness, text-only) into an embedding of the shape's size. */
    static float[] textProjection(Shape shape) {
        int d = shape.dimension();
        float[] p = new float[5 * d];
        for (int j = 0; j < 4; j++) {
            p[j * d + j] = 1;
        }
        p[4 * d + shape.textOnly()] = 1;
        return p;
    }

    /** Rows of the colour words' tokens, the end token's text-only row, and {@code padding} for token 0. */
    static float[] tokenTable(float padding) {
        ClipTokenizer tokenizer = ClipTokenizer.fromMergesFile(sharedMergesFile());
        float[] table = new float[VOCAB * 5];
        WORDS.forEach((word, row) -> {
            int[] ids = tokenizer.encode(word);
            if (ids.length != 1) {
                throw new IllegalStateException("'" + word + "' is not one CLIP token: " + java.util.Arrays.toString(ids));
            }
            System.arraycopy(row, 0, table, ids[0] * 5, 4);
        });
        table[(int) tokenizer.endTokenId() * 5 + 4] = 0.25f;
        for (int j = 0; j < 5; j++) {
            table[j] = padding;
        }
        return table;
    }

    /** Writes the two graphs and a copy of the merges file into {@code dir}; returns each file's SHA-256 by name. */
    public static Map<String, String> writeFiles(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(IMAGE_FILE), imageGraph("pixel_values", "image_embeds"));
        Files.write(dir.resolve(TEXT_FILE), textGraph());
        Files.copy(sharedMergesFile(), dir.resolve(MERGES_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Map<String, String> sha = new LinkedHashMap<>();
        for (String f : List.of(IMAGE_FILE, TEXT_FILE, MERGES_FILE)) {
            sha.put(f, sha256(Files.readAllBytes(dir.resolve(f))));
        }
        return sha;
    }

    /**
     * Descriptor JSON for the tiny model; files whose name is missing from {@code sha256ByFile} get
     * {@code "sha256": null} with a checksum note.
     */
    public static String descriptorJson(Map<String, String> sha256ByFile) {
        StringBuilder files = new StringBuilder();
        for (String f : List.of(IMAGE_FILE, TEXT_FILE, MERGES_FILE)) {
            String sha = sha256ByFile.get(f);
            files.append(files.isEmpty() ? "" : ",\n").append("    {\"name\": \"").append(f)
                    .append("\", \"url\": \"https://models.example.invalid/tiny-clip/").append(f).append("\", ")
                    .append(sha == null ? "\"sha256\": null, \"checksumNote\": \"not published\""
                            : "\"sha256\": \"" + sha + "\"")
                    .append("}");
        }
        return """
                {
                  "name": "tiny-clip",
                  "displayName": "Tiny colour CLIP (test model)",
                  "family": "clip",
                  "embeddingDimension": 53,
                  "files": [
                %s
                  ],
                  "image": {"size": 224, "crop": 224, "mean": [0.48145466, 0.4578275, 0.40821073],
                            "std": [0.26862954, 0.26130258, 0.27577711], "resample": "bicubic"},
                  "text": {"tokenizer": "clip-bpe", "contextLength": 77, "file": "bpe_simple_vocab_16e6.txt.gz"},
                  "graph": {"imageModel": "tiny-clip-image.onnx", "imageInput": "pixel_values",
                            "imageOutput": "image_embeds", "textModel": "tiny-clip-text.onnx",
                            "textInput": "input_ids", "textOutput": "text_embeds"},
                  "licence": "MIT (test model built by Loupe's tests)",
                  "quality": {"summary": "none: it only knows colour words", "citation": "TinyClip.java"}
                }
                """.formatted(files);
    }

    public static ModelDescriptor descriptor(Map<String, String> sha256ByFile) {
        return ModelDescriptors.parse(descriptorJson(sha256ByFile), "tiny-clip.json");
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
