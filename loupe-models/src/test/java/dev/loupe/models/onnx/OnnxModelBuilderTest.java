package dev.loupe.models.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Builds a tiny CLIP-like dual encoder and checks ONNX Runtime computes what plain Java loops compute. */
class OnnxModelBuilderTest {
    private static final int D = 4;       // embedding size
    private static final int E = 8;       // token embedding width
    private static final int VOCAB = 50;
    private static final int CTX = 77;
    private static final int SIDE = 224;

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final Random random = new Random(42);
    private final float[] imageProjection = randomFloats(3 * D);   // [3, D]
    private final float[] tokenTable = randomFloats(VOCAB * E);     // [VOCAB, E]
    private final float[] textProjection = randomFloats(D * E);     // [D, E], used transposed by Gemm
    private final float[] textBias = randomFloats(D);

    @Test
    void imageTowerMatchesJava() throws OrtException {
        byte[] model = imageTower();
        OnnxGraph view = OnnxGraph.parse(model, "image");
        assertEquals(List.of("pixel_values"), view.inputNames());
        assertEquals(new OnnxAttribute.IntList("axes", List.of(2L, 3L)),
                view.nodes().get(0).attribute("axes").orElseThrow());
        assertEquals(new OnnxAttribute.FloatValue("alpha", 0.1f), view.nodes().get(3).attribute("alpha").orElseThrow());

        int n = 2;
        float[] pixels = new float[n * 3 * SIDE * SIDE];
        for (int i = 0; i < pixels.length; i++) {
            int b = i / (3 * SIDE * SIDE);
            int c = i / (SIDE * SIDE) % 3;
            pixels[i] = random.nextFloat() + (b - c) * 0.7f;   // channel means of both signs
        }
        float[][] actual;
        try (OrtSession s = env.createSession(model);
             OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), new long[]{n, 3, SIDE, SIDE});
             OrtSession.Result r = s.run(Map.of("pixel_values", in))) {
            actual = (float[][]) r.get("image_embeds").orElseThrow().getValue();
        }
        assertEquals(n, actual.length);
        for (int b = 0; b < n; b++) {
            double[] mean = new double[3];
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < SIDE * SIDE; p++) {
                    mean[c] += pixels[(b * 3 + c) * SIDE * SIDE + p];
                }
                mean[c] /= SIDE * SIDE;
            }
            for (int d = 0; d < D; d++) {
                double v = 0;
                for (int c = 0; c < 3; c++) {
                    v += mean[c] * imageProjection[c * D + d];
                }
                double expected = v >= 0 ? v : 0.1 * v;
                assertEquals(expected, actual[b][d], 1e-5, "image b=" + b + " d=" + d);
            }
        }
    }

    @Test
    void textTowerMatchesJava() throws OrtException {
        byte[] model = textTower();
        int n = 3;
        long[] ids = new long[n * CTX];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = random.nextInt(VOCAB);
        }
        float[][] actual;
        try (OrtSession s = env.createSession(model);
             OnnxTensor in = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[]{n, CTX});
             OrtSession.Result r = s.run(Map.of("input_ids", in))) {
            actual = (float[][]) r.get("text_embeds").orElseThrow().getValue();
        }
        for (int b = 0; b < n; b++) {
            double[] mean = new double[E];
            for (int t = 0; t < CTX; t++) {
                int id = (int) ids[b * CTX + t];
                for (int e = 0; e < E; e++) {
                    mean[e] += tokenTable[id * E + e] / CTX;
                }
            }
            for (int d = 0; d < D; d++) {
                double v = 0;
                for (int e = 0; e < E; e++) {
                    v += mean[e] * textProjection[d * E + e];
                }
                double expected = 2.0 * v + 0.5 * textBias[d];
                assertEquals(expected, actual[b][d], 1e-5, "text b=" + b + " d=" + d);
            }
        }
    }

    @Test
    void refusesMalformedGraphs() {
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> new OnnxModelBuilder("g").floatInitializer("w", new long[]{2, 3}, new float[5]));
        assertTrue(size.getMessage().contains("'w'") && size.getMessage().contains("need 6 values"), size.getMessage());

        OnnxFormatException undefined = assertThrows(OnnxFormatException.class, () -> new OnnxModelBuilder("g")
                .opset("", 13)
                .input("x", ElementType.FLOAT, Dim.named("N"))
                .node("Add", List.of("x", "bias"), List.of("y"))
                .output("y", ElementType.FLOAT, Dim.named("N"))
                .build());
        assertTrue(undefined.getMessage().contains("reads 'bias'"), undefined.getMessage());

        OnnxFormatException noOpset = assertThrows(OnnxFormatException.class, () -> new OnnxModelBuilder("g")
                .input("x", ElementType.FLOAT, Dim.named("N"))
                .node("Relu", List.of("x"), List.of("y"))
                .output("y", ElementType.FLOAT, Dim.named("N"))
                .build());
        assertTrue(noOpset.getMessage().contains("opset"), noOpset.getMessage());
    }

    /** pixel_values [N,3,224,224] → ReduceMean(H,W) → Flatten → MatMul [3,D] → LeakyRelu(0.1) → image_embeds. */
    private byte[] imageTower() {
        return new OnnxModelBuilder("tiny-clip-image").opset("", 13).producer("loupe-test", "1")
                .input("pixel_values", ElementType.FLOAT, Dim.named("N"), Dim.of(3), Dim.of(SIDE), Dim.of(SIDE))
                .floatInitializer("visual_projection", new long[]{3, D}, imageProjection)
                .node("ReduceMean", List.of("pixel_values"), List.of("pooled"),
                        OnnxAttribute.ints("axes", 2, 3), OnnxAttribute.integer("keepdims", 1))
                .node("Flatten", List.of("pooled"), List.of("flat"), OnnxAttribute.integer("axis", 1))
                .node("MatMul", List.of("flat", "visual_projection"), List.of("projected"))
                .node("LeakyRelu", List.of("projected"), List.of("image_embeds"), OnnxAttribute.real("alpha", 0.1f))
                .output("image_embeds", ElementType.FLOAT, Dim.named("N"), Dim.of(D))
                .build();
    }

    /** input_ids [N,77] → Gather(table) → ReduceMean(tokens) → Gemm(alpha 2, beta 0.5, transB) → text_embeds. */
    private byte[] textTower() {
        return new OnnxModelBuilder("tiny-clip-text").opset("", 13)
                .input("input_ids", ElementType.INT64, Dim.named("N"), Dim.of(CTX))
                .floatInitializer("token_embedding", new long[]{VOCAB, E}, tokenTable)
                .floatInitializer("text_projection", new long[]{D, E}, textProjection)
                .floatInitializer("text_bias", new long[]{D}, textBias)
                .node("Gather", List.of("token_embedding", "input_ids"), List.of("tokens"),
                        OnnxAttribute.integer("axis", 0))
                .node("ReduceMean", List.of("tokens"), List.of("mean"),
                        OnnxAttribute.ints("axes", 1), OnnxAttribute.integer("keepdims", 0))
                .node("Gemm", List.of("mean", "text_projection", "text_bias"), List.of("text_embeds"),
                        OnnxAttribute.real("alpha", 2f), OnnxAttribute.real("beta", 0.5f),
                        OnnxAttribute.integer("transB", 1))
                .output("text_embeds", ElementType.FLOAT, Dim.named("N"), Dim.of(D))
                .build();
    }

    private float[] randomFloats(int count) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = (float) random.nextGaussian();
        }
        return out;
    }
}
