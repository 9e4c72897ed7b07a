package dev.loupe.models.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnnxGraphEditTest {
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();

    @Test
    void exposesThePooledFeaturesOfTheBuiltinClassifier() throws Exception {
        byte[] original = Files.readAllBytes(SharedData.model("mobilenetv2-12-int8.onnx"));
        byte[] pooled = OnnxGraphEdit.exposePooled(original, "627", "pooled");
        byte[] withMap = OnnxGraphEdit.exposeTensor(pooled, "627", ElementType.FLOAT, null);

        OnnxGraph before = OnnxGraph.parse(original, "original");
        OnnxGraph after = OnnxGraph.parse(pooled, "pooled");
        assertEquals(List.of("output", "pooled"), after.outputNames());
        assertEquals(ValueInfo.tensor("pooled", ElementType.FLOAT, List.of(Dim.named("batch_size"), Dim.of(1280))),
                after.outputs().get(1));
        assertEquals(before.nodes(), after.nodes().subList(0, before.nodes().size()));
        assertEquals(List.of("GlobalAveragePool", "Flatten"), after.nodes().subList(before.nodes().size(),
                after.nodes().size()).stream().map(OnnxNode::opType).toList());
        assertEquals(before.initializers(), after.initializers());
        assertEquals(List.of(), after.problems());
        // Everything before the graph field is byte-identical; the edit only grows the file by the new entries.
        assertTrue(pooled.length > original.length && pooled.length < original.length + 400,
                original.length + " -> " + pooled.length);

        float[] photo = imageNetTensor("chelsea.png");
        float[] logitsOriginal;
        try (OrtSession session = session(original)) {
            logitsOriginal = run(session, photo).logits;
        }
        Outputs edited;
        try (OrtSession session = session(withMap)) {
            assertEquals(List.of("output", "pooled", "627"), List.copyOf(session.getOutputNames()));
            edited = run(session, photo);
        }
        assertArrayEquals(logitsOriginal, edited.logits, 1e-5f);
        assertEquals(1280, edited.pooled.length);
        for (int c = 0; c < 1280; c++) {
            double sum = 0;
            for (float[] row : edited.featureMap[c]) {
                for (float v : row) {
                    sum += v;
                }
            }
            assertEquals(sum / 49, edited.pooled[c], 1e-4 + 1e-5 * Math.abs(sum / 49), "channel " + c);
        }
        double spread = 0;
        for (float v : edited.pooled) {
            spread += Math.abs(v);
        }
        assertTrue(spread > 1, "pooled features should not be all zero: " + spread);

        int best = argmax(edited.logits);
        String[] labels = new ObjectMapper().readValue(SharedData.model("imagenet-simple-labels.json").toFile(),
                String[].class);
        assertTrue(List.of(281, 282, 285).contains(best), "chelsea.png classified as " + best + " " + labels[best]);
    }

    @Test
    void poolsAConvolutionOutputAndInfersItsChannels() throws OrtException {
        float[] weight = {1, 0, 0, 1, 1, 1, 2, -1};   // [4 out, 2 in, 1, 1]
        byte[] model = new OnnxModelBuilder("conv").opset("", 13)
                .input("x", ElementType.FLOAT, Dim.named("N"), Dim.of(2), Dim.of(3), Dim.of(3))
                .floatInitializer("w", new long[]{4, 2, 1, 1}, weight)
                .node("Conv", List.of("x", "w"), List.of("fm"))
                .node("Relu", List.of("fm"), List.of("y"))
                .output("y", ElementType.FLOAT, Dim.named("N"), Dim.of(4), Dim.of(3), Dim.of(3))
                .build();
        byte[] edited = OnnxGraphEdit.exposePooled(model, "fm", "emb");
        OnnxGraph g = OnnxGraph.parse(edited, "edited");
        assertEquals(List.of(Dim.named("N"), Dim.of(4)), g.outputs().get(1).shape().orElseThrow());
        // the opset_import field written after the graph survives the splice
        assertEquals(13, g.opsetVersion("").orElseThrow());

        float[] x = new float[2 * 2 * 9];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i * 7 % 11) - 5;
        }
        try (OrtSession s = session(edited);
             OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[]{2, 2, 3, 3});
             OrtSession.Result r = s.run(Map.of("x", in))) {
            float[][] emb = (float[][]) r.get("emb").orElseThrow().getValue();
            for (int n = 0; n < 2; n++) {
                for (int o = 0; o < 4; o++) {
                    double sum = 0;
                    for (int p = 0; p < 9; p++) {
                        sum += weight[o * 2] * x[n * 18 + p] + weight[o * 2 + 1] * x[n * 18 + 9 + p];
                    }
                    assertEquals(sum / 9, emb[n][o], 1e-5, "n=" + n + " o=" + o);
                }
            }
        }
    }

    @Test
    void refusesMissingTensorsAndTakenNames() throws IOException {
        byte[] original = Files.readAllBytes(SharedData.model("mobilenetv2-12-int8.onnx"));
        OnnxFormatException missing = assertThrows(OnnxFormatException.class,
                () -> OnnxGraphEdit.exposePooled(original, "628", "pooled"));
        assertTrue(missing.getMessage().contains("tensor '628' does not exist"), missing.getMessage());
        OnnxFormatException taken = assertThrows(OnnxFormatException.class,
                () -> OnnxGraphEdit.exposePooled(original, "627", "output"));
        assertTrue(taken.getMessage().contains("'output' is already used"), taken.getMessage());
        OnnxFormatException quantized = assertThrows(OnnxFormatException.class,
                () -> OnnxGraphEdit.exposeTensor(original, "output"));
        assertTrue(quantized.getMessage().contains("already a graph output"), quantized.getMessage());
        assertThrows(OnnxFormatException.class, () -> OnnxGraphEdit.exposePooled(new byte[]{1, 2, 3}, "627", "p"));
    }

    private OrtSession session(byte[] model) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            return env.createSession(model, options);
        }
    }

    private record Outputs(float[] logits, float[] pooled, float[][][] featureMap) {
    }

    private Outputs run(OrtSession session, float[] pixels) throws OrtException {
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), new long[]{1, 3, 224, 224});
             OrtSession.Result r = session.run(Map.of("input", input))) {
            float[] logits = ((float[][]) r.get("output").orElseThrow().getValue())[0];
            float[] pooled = r.get("pooled").map(v -> value2d(v)[0]).orElse(null);
            float[][][] map = r.get("627").map(v -> value4d(v)[0]).orElse(null);
            return new Outputs(logits, pooled, map);
        }
    }

    private static float[][] value2d(ai.onnxruntime.OnnxValue v) {
        try {
            return (float[][]) v.getValue();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    private static float[][][][] value4d(ai.onnxruntime.OnnxValue v) {
        try {
            return (float[][][][]) v.getValue();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Resizes a photo to 224x224 and normalizes it with the ImageNet mean/std into NCHW order. */
    static float[] imageNetTensor(String photo) throws IOException {
        BufferedImage source = ImageIO.read(SharedData.dir().resolve("photos").resolve(photo).toFile());
        BufferedImage rgb = new BufferedImage(224, 224, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, 0, 0, 224, 224, null);
        g.dispose();
        float[] out = new float[3 * 224 * 224];
        for (int y = 0; y < 224; y++) {
            for (int x = 0; x < 224; x++) {
                int p = rgb.getRGB(x, y);
                int[] channels = {(p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff};
                for (int c = 0; c < 3; c++) {
                    out[c * 224 * 224 + y * 224 + x] = (channels[c] / 255f - MEAN[c]) / STD[c];
                }
            }
        }
        return out;
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
