package dev.loupe.models.onnx;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnnxGraphTest {

    @Test
    void readsTheBuiltinClassifier() throws IOException {
        OnnxGraph g = OnnxGraph.read(SharedData.model("mobilenetv2-12-int8.onnx"));

        assertEquals(7, g.irVersion());
        assertEquals(List.of("input"), g.inputNames());
        assertEquals(List.of("output"), g.outputNames());
        assertEquals(12, g.opsetVersion("").orElseThrow());
        assertEquals(12, g.opsetVersion("ai.onnx").orElseThrow());
        assertEquals(73, g.nodes().size());
        assertEquals(52, g.opTypeCounts().get("QLinearConv"));
        assertTrue(g.initializers().size() > 300, "initializers: " + g.initializers().size());
        assertEquals(ValueInfo.tensor("input", ElementType.FLOAT,
                List.of(Dim.named("batch_size"), Dim.of(3), Dim.of(224), Dim.of(224))), g.runtimeInputs().get(0));

        OnnxNode dequant = g.producerOf("627").orElseThrow();
        assertEquals("DequantizeLinear", dequant.opType());
        assertEquals("627_quantized", dequant.inputs().get(0));
        assertEquals(ElementType.FLOAT, g.valueInfo("627").orElseThrow().elementType());
        assertTrue(g.hasTensor("464_quantized"));
        assertFalse(g.hasTensor("no-such-tensor"));
        OnnxNode conv = g.producerOf("627_quantized").orElseThrow();
        assertEquals(new OnnxAttribute.IntList("kernel_shape", List.of(1L, 1L)),
                conv.attribute("kernel_shape").orElseThrow());
        assertEquals(List.of(1280L, 320L, 1L, 1L), g.initializers().stream()
                .filter(t -> t.name().equals(conv.inputs().get(3))).findFirst().orElseThrow().dims());

        assertEquals(List.of(), g.problems());
        String text = g.describe();
        assertTrue(text.contains("input:   input: FLOAT[batch_size,3,224,224]"), text);
        assertTrue(text.contains("QLinearConv×52"), text);
    }

    @Test
    void rejectsFilesThatAreNotModels() throws IOException {
        assertThrows(OnnxFormatException.class, () -> OnnxGraph.parse(new byte[0], "empty.onnx"));
        byte[] labels = Files.readAllBytes(SharedData.model("imagenet-simple-labels.json"));
        OnnxFormatException e = assertThrows(OnnxFormatException.class,
                () -> OnnxGraph.parse(labels, "labels.json"));
        assertTrue(e.getMessage().startsWith("labels.json"), e.getMessage());

        byte[] model = Files.readAllBytes(SharedData.model("mobilenetv2-12-int8.onnx"));
        byte[] truncated = Arrays.copyOf(model, model.length / 2);
        assertThrows(OnnxFormatException.class, () -> OnnxGraph.parse(truncated, "truncated.onnx"));
    }

    @Test
    void findsStructuralProblems() {
        byte[] model = new OnnxModelBuilder("ok").opset("", 13)
                .input("x", ElementType.FLOAT, Dim.named("N"), Dim.of(2))
                .node("Relu", List.of("x"), List.of("y"))
                .output("y", ElementType.FLOAT, Dim.named("N"), Dim.of(2))
                .build();
        // Declare an output nothing produces: the edit itself does not check producers, the view does.
        byte[] broken = OnnxGraphEdit.appendToGraph(model,
                List.of(new OnnxNode("late", "Relu", "", List.of("z"), List.of("w"), List.of())),
                List.of(ValueInfo.tensor("ghost", ElementType.FLOAT, List.of())));
        List<String> problems = OnnxGraph.parse(broken, "broken").problems();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("reads 'z'"), problems.toString());
        assertTrue(problems.get(1).contains("'ghost'"), problems.toString());
        assertThrows(OnnxFormatException.class, () -> OnnxGraph.parse(broken, "broken").validate());
    }
}
