package dev.loupe.models.clip;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.loupe.core.Vectors;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** ONNX Runtime plumbing shared by the CLIP image and text encoders. */
final class ClipSessions {
    private ClipSessions() {
    }

    /** Opens a graph file with {@code threads} intra-op threads; a broken file is reported with what to do. */
    static OrtSession open(OrtEnvironment env, Path file, String modelName, int threads) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("model '" + modelName + "': graph file " + file + " is missing; "
                    + "install the model again ('loupe models install " + modelName + "')");
        }
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(Math.max(1, threads));
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return env.createSession(file.toString(), options);
        } catch (OrtException e) {
            throw new IllegalStateException("model '" + modelName + "': cannot load " + file + ": " + e.getMessage()
                    + " — the file is corrupt or not an ONNX model; run 'loupe models verify " + modelName
                    + "' and reinstall it", e);
        }
    }

    /**
     * Reads the [n, dimension] float output (a [n, 1, dimension] output is accepted too) and returns each row
     * normalized to unit length.
     */
    static float[][] unitRows(OrtSession.Result result, String output, int n, int dimension, String what)
            throws OrtException {
        OnnxValue value = result.get(output).orElseThrow(() -> new IllegalStateException(what
                + ": the graph returned no '" + output + "'"));
        if (!(value instanceof OnnxTensor tensor)) {
            throw new IllegalStateException(what + ": output '" + output + "' is not a tensor");
        }
        long[] shape = tensor.getInfo().getShape();
        FloatBuffer data = tensor.getFloatBuffer();
        if (shape.length < 2 || shape[0] != n || data.remaining() != (long) n * dimension) {
            throw new IllegalStateException(what + ": output '" + output + "' has shape " + Arrays.toString(shape)
                    + " for a batch of " + n + ", expected [" + n + ", " + dimension + "]; check embeddingDimension "
                    + "and the output name in the descriptor");
        }
        float[][] rows = new float[n][dimension];
        for (int i = 0; i < n; i++) {
            data.get(rows[i]);
            rows[i] = Vectors.normalize(rows[i]);
        }
        return rows;
    }

    static void close(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close an ONNX Runtime session: " + e.getMessage(), e);
        }
    }
}
