package dev.loupe.models.builtin;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The builtin image tower: MobileNetV2-int8 (ImageNet-1k) run with ONNX Runtime. Returns the 1000 class logits
 * and, when the model file exposes it (see the pooled-output graph edit), the 1280-d pooled feature vector.
 * Thread-safe: ORT sessions may be run concurrently.
 */
public final class MobileNetEncoder implements AutoCloseable {
    /** One image's raw outputs. {@code pooled} is null when the graph has no pooled output. */
    public record Output(float[] logits, float[] pooled) {
    }

    /** Size of the pooled feature vector. */
    public static final int POOLED_DIMENSION = 1280;

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final String inputName;
    private final String logitsName;
    private final String pooledName;
    private final ImagenetPreprocessor preprocessor = new ImagenetPreprocessor();

    /**
     * @param model      the ONNX file
     * @param pooledName the graph output holding pooled features, or null to run logits only
     * @param threads    ONNX Runtime intra-op threads
     */
    public MobileNetEncoder(Path model, String pooledName, int threads) {
        try {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(Math.max(1, threads));
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = env.createSession(model.toString(), options);
            this.inputName = session.getInputNames().iterator().next();
            this.logitsName = "output";
            if (!session.getOutputNames().contains(logitsName)) {
                throw new IllegalStateException(model + ": no graph output 'output' (the 1000 ImageNet logits); "
                        + "delete the file from the model cache and run again to reinstall it");
            }
            if (pooledName != null && !session.getOutputNames().contains(pooledName)) {
                throw new IllegalStateException(model + ": no graph output '" + pooledName + "' (pooled features); "
                        + "delete the file from the model cache and run again to rebuild it");
            }
            this.pooledName = pooledName;
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load " + model + ": " + e.getMessage()
                    + " — the file is corrupt or not an ONNX model; delete it from the model cache and run again", e);
        }
    }

    public List<Output> encode(List<BufferedImage> images) {
        int n = images.size();
        int per = 3 * ImagenetPreprocessor.SIZE * ImagenetPreprocessor.SIZE;
        float[] batch = new float[n * per];
        for (int i = 0; i < n; i++) {
            preprocessor.toChw(images.get(i), batch, i * per);
        }
        long[] shape = {n, 3, ImagenetPreprocessor.SIZE, ImagenetPreprocessor.SIZE};
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(batch), shape);
             OrtSession.Result result = pooledName == null
                     ? session.run(Map.of(inputName, input), java.util.Set.of(logitsName))
                     : session.run(Map.of(inputName, input), java.util.Set.of(logitsName, pooledName))) {
            float[][] logits = matrix(result.get(logitsName), n);
            float[][] pooled = pooledName == null ? null : matrix(result.get(pooledName), n);
            List<Output> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(new Output(logits[i], pooled == null ? null : pooled[i]));
            }
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException("image encoder failed: " + e.getMessage(), e);
        }
    }

    private static float[][] matrix(Optional<OnnxValue> value, int n) throws OrtException {
        OnnxTensor t = (OnnxTensor) value.orElseThrow();
        FloatBuffer fb = t.getFloatBuffer();
        int dim = fb.remaining() / n;
        float[][] out = new float[n][dim];
        for (int i = 0; i < n; i++) {
            fb.get(out[i]);
        }
        return out;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
