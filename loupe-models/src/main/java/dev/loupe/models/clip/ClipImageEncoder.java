package dev.loupe.models.clip;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The image tower of a CLIP model: preprocesses images ({@link ClipPreprocessor}, in parallel), runs the image
 * graph in batches of at most {@code maxBatch} (one image per run if the graph fixes its batch at 1), and returns
 * unit-length embeddings. Thread-safe.
 */
final class ClipImageEncoder implements AutoCloseable {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String input;
    private final String output;
    private final ClipPreprocessor preprocessor;
    private final int dimension;
    private final int maxBatch;
    private final String what;

    ClipImageEncoder(OrtEnvironment env, ModelDescriptor descriptor, Path graphFile, int threads, int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
        }
        this.env = env;
        this.session = ClipSessions.open(env, graphFile, descriptor.name(), threads);
        try {
            this.maxBatch = new GraphContract(descriptor).checkImageGraph(session, graphFile, maxBatch);
        } catch (RuntimeException e) {
            ClipSessions.close(session);
            throw e;
        }
        this.input = descriptor.graph().imageInput();
        this.output = descriptor.graph().imageOutput();
        this.preprocessor = new ClipPreprocessor(descriptor.image());
        this.dimension = descriptor.embeddingDimension();
        this.what = "model '" + descriptor.name() + "', image graph " + graphFile.getFileName();
    }

    /** One unit vector per image, in order. */
    List<float[]> encode(List<BufferedImage> images) {
        List<float[]> out = new ArrayList<>(images.size());
        for (int from = 0; from < images.size(); from += maxBatch) {
            List<BufferedImage> batch = images.subList(from, Math.min(images.size(), from + maxBatch));
            out.addAll(List.of(encodeBatch(batch)));
        }
        return out;
    }

    private float[][] encodeBatch(List<BufferedImage> batch) {
        int n = batch.size();
        int per = preprocessor.imageLength();
        float[] pixels = new float[n * per];
        IntStream.range(0, n).parallel().forEach(i ->
                preprocessor.writeChw(preprocessor.resizeAndCrop(batch.get(i)), pixels, i * per));
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), preprocessor.inputShape(n));
             OrtSession.Result result = session.run(Map.of(input, tensor), java.util.Set.of(output))) {
            return ClipSessions.unitRows(result, output, n, dimension, what);
        } catch (OrtException e) {
            throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        ClipSessions.close(session);
    }
}
