package dev.loupe.models.clip;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Checks, when a CLIP model loads, that its ONNX graphs have the inputs and outputs its descriptor names, with
 * compatible element types and fixed dimensions. A mismatch (another export's tensor names, a graph that needs an
 * input the descriptor does not mention, a different embedding size) is reported naming the descriptor, the graph
 * file, the expected and the actual names, instead of failing later inside ONNX Runtime.
 */
final class GraphContract {
    private final ModelDescriptor descriptor;

    GraphContract(ModelDescriptor descriptor) {
        this.descriptor = descriptor;
    }

    /**
     * The image graph: a float NCHW input of the crop size, one embedding output.
     *
     * @return the largest batch the graph takes: 1 when its batch dimension is fixed at 1, else {@code maxBatch}
     */
    int checkImageGraph(OrtSession session, Path file, int maxBatch) {
        GraphNames g = descriptor.graph();
        int crop = descriptor.image().crop();
        Map<String, NodeInfo> inputs = inputs(session, file);
        TensorInfo input = tensor(inputs, g.imageInput(), "input", "graph.imageInput", file);
        expectType(input, OnnxJavaType.FLOAT, g.imageInput(), "graph.imageInput", file);
        expectShape(input, new long[] {-1, 3, crop, crop}, g.imageInput(), "image.crop", file);
        onlyInputs(inputs.keySet(), Set.of(g.imageInput()), file);
        checkOutput(session, g.imageOutput(), "graph.imageOutput", file);
        return batchLimit(input, g.imageInput(), file, maxBatch);
    }

    /**
     * The text graph: an int64/int32 [N, context] token input, optionally an attention mask, one output.
     *
     * @return the largest batch the graph takes: 1 when its batch dimension is fixed at 1, else {@code maxBatch}
     */
    int checkTextGraph(OrtSession session, Path file, int maxBatch) {
        GraphNames g = descriptor.graph();
        OnnxJavaType idType = "int32".equals(g.textInputType()) ? OnnxJavaType.INT32 : OnnxJavaType.INT64;
        long context = descriptor.text().contextLength();
        Map<String, NodeInfo> inputs = inputs(session, file);
        TensorInfo ids = tensor(inputs, g.textInput(), "input", "graph.textInput", file);
        expectType(ids, idType, g.textInput(), "graph.textInputType", file);
        expectShape(ids, new long[] {-1, context}, g.textInput(), "text.contextLength", file);
        Set<String> expected = new LinkedHashSet<>();
        expected.add(g.textInput());
        if (g.attentionMaskInput() != null) {
            TensorInfo mask = tensor(inputs, g.attentionMaskInput(), "input", "graph.attentionMaskInput", file);
            expectType(mask, idType, g.attentionMaskInput(), "graph.textInputType", file);
            expectShape(mask, new long[] {-1, context}, g.attentionMaskInput(), "text.contextLength", file);
            expected.add(g.attentionMaskInput());
        }
        onlyInputs(inputs.keySet(), expected, file);
        checkOutput(session, g.textOutput(), "graph.textOutput", file);
        return batchLimit(ids, g.textInput(), file, maxBatch);
    }

    /** Some exports fix the batch dimension at 1; those are fed one item per run. */
    private int batchLimit(TensorInfo input, String name, Path file, int maxBatch) {
        long batch = input.getShape().length == 0 ? -1 : input.getShape()[0];
        if (batch <= 0) {
            return maxBatch;
        }
        if (batch == 1) {
            return 1;
        }
        throw new IllegalStateException(prefix(file) + "'" + name + "' has a fixed batch size of " + batch
                + "; Loupe needs a dynamic batch dimension or a batch of 1. Export the graph with a dynamic axis 0");
    }

    private void checkOutput(OrtSession session, String name, String field, Path file) {
        Map<String, NodeInfo> outputs;
        try {
            outputs = session.getOutputInfo();
        } catch (OrtException e) {
            throw new IllegalStateException(prefix(file) + "cannot read the graph's outputs: " + e.getMessage(), e);
        }
        TensorInfo out = tensor(outputs, name, "output", field, file);
        expectType(out, OnnxJavaType.FLOAT, name, field, file);
        long[] shape = out.getShape();
        long last = shape.length == 0 ? -1 : shape[shape.length - 1];
        if (last > 0 && last != descriptor.embeddingDimension()) {
            throw new IllegalStateException(prefix(file) + "output '" + name + "' has shape " + Arrays.toString(shape)
                    + " but the descriptor says embeddingDimension " + descriptor.embeddingDimension()
                    + "; fix embeddingDimension or " + field + " in the descriptor");
        }
    }

    private Map<String, NodeInfo> inputs(OrtSession session, Path file) {
        try {
            return session.getInputInfo();
        } catch (OrtException e) {
            throw new IllegalStateException(prefix(file) + "cannot read the graph's inputs: " + e.getMessage(), e);
        }
    }

    private TensorInfo tensor(Map<String, NodeInfo> infos, String name, String kind, String field, Path file) {
        NodeInfo info = infos.get(name);
        if (info == null) {
            throw new IllegalStateException(prefix(file) + "the graph has no " + kind + " '" + name + "' (" + field
                    + " in the descriptor); its " + kind + "s are " + infos.keySet() + ". The export does not "
                    + "match the descriptor: set " + field + " to the right name or use a matching export");
        }
        if (!(info.getInfo() instanceof TensorInfo t)) {
            throw new IllegalStateException(prefix(file) + kind + " '" + name + "' is not a tensor but "
                    + info.getInfo() + "; this export cannot be used");
        }
        return t;
    }

    private void expectType(TensorInfo t, OnnxJavaType expected, String name, String field, Path file) {
        if (t.type != expected) {
            throw new IllegalStateException(prefix(file) + "'" + name + "' holds " + describe(t.type) + " but "
                    + describe(expected) + " was expected; check " + field + " in the descriptor");
        }
    }

    /** Compares fixed dimensions; -1 in {@code expected} or in the graph matches anything. */
    private void expectShape(TensorInfo t, long[] expected, String name, String field, Path file) {
        long[] actual = t.getShape();
        boolean ok = actual.length == expected.length;
        for (int i = 0; ok && i < actual.length; i++) {
            ok = expected[i] < 0 || actual[i] < 0 || actual[i] == expected[i];
        }
        if (!ok) {
            throw new IllegalStateException(prefix(file) + "'" + name + "' has shape " + Arrays.toString(actual)
                    + " but " + Arrays.toString(expected).replace("-1", "N") + " was expected; check " + field
                    + " in the descriptor");
        }
    }

    private void onlyInputs(Set<String> actual, Set<String> expected, Path file) {
        Set<String> extra = new LinkedHashSet<>(actual);
        extra.removeAll(expected);
        if (!extra.isEmpty()) {
            throw new IllegalStateException(prefix(file) + "the graph needs inputs " + extra + " besides "
                    + expected + ", which the descriptor does not name. Loupe feeds only the descriptor's inputs "
                    + "(a text graph may take graph.attentionMaskInput); combined graphs that need image and text "
                    + "in every run are not supported — use an export with separate image and text graphs");
        }
    }

    private String prefix(Path file) {
        return "model '" + descriptor.name() + "', graph " + file + ": ";
    }

    private static String describe(OnnxJavaType type) {
        return switch (type) {
            case FLOAT -> "float32";
            case INT64 -> "int64";
            case INT32 -> "int32";
            default -> type.toString().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
