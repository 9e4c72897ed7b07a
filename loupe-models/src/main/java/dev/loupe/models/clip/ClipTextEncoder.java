package dev.loupe.models.clip;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The text tower of a CLIP model: tokenizes with the descriptor's tokenizer, feeds token ids (and the attention
 * mask when the graph takes one) as int64 or int32, runs the text graph in batches and returns unit-length
 * embeddings. Thread-safe. Closing it closes the tokenizer.
 */
final class ClipTextEncoder implements AutoCloseable {
    private static final int MAX_BATCH = 64;

    private final OrtEnvironment env;
    private final OrtSession session;
    private final ClipTextTokenizer tokenizer;
    private final GraphNames names;
    private final int contextLength;
    private final int dimension;
    private final boolean int32;
    private final String what;
    private final int maxBatch;

    ClipTextEncoder(OrtEnvironment env, ModelDescriptor descriptor, Path graphFile, ClipTextTokenizer tokenizer,
                    int threads) {
        this.env = env;
        this.session = ClipSessions.open(env, graphFile, descriptor.name(), threads);
        try {
            this.maxBatch = new GraphContract(descriptor).checkTextGraph(session, graphFile, MAX_BATCH);
        } catch (RuntimeException e) {
            ClipSessions.close(session);
            throw e;
        }
        this.tokenizer = tokenizer;
        this.names = descriptor.graph();
        this.contextLength = descriptor.text().contextLength();
        this.dimension = descriptor.embeddingDimension();
        this.int32 = "int32".equals(names.textInputType());
        this.what = "model '" + descriptor.name() + "', text graph " + graphFile.getFileName();
    }

    /** One unit vector per text, in order. */
    List<float[]> encode(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += maxBatch) {
            out.addAll(List.of(encodeBatch(texts.subList(from, Math.min(texts.size(), from + maxBatch)))));
        }
        return out;
    }

    private float[][] encodeBatch(List<String> texts) {
        ClipTextTokenizer.TokenBatch tokens = tokenizer.encode(texts, contextLength);
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put(names.textInput(), tensor(tokens.ids()));
            if (names.attentionMaskInput() != null) {
                inputs.put(names.attentionMaskInput(), tensor(tokens.attentionMask()));
            }
            try (OrtSession.Result result = session.run(inputs, Set.of(names.textOutput()))) {
                return ClipSessions.unitRows(result, names.textOutput(), texts.size(), dimension, what);
            }
        } catch (OrtException e) {
            throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private OnnxTensor tensor(long[][] rows) throws OrtException {
        long[] shape = {rows.length, contextLength};
        if (int32) {
            int[] flat = new int[rows.length * contextLength];
            for (int r = 0; r < rows.length; r++) {
                for (int i = 0; i < contextLength; i++) {
                    flat[r * contextLength + i] = Math.toIntExact(rows[r][i]);
                }
            }
            return OnnxTensor.createTensor(env, IntBuffer.wrap(flat), shape);
        }
        long[] flat = new long[rows.length * contextLength];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * contextLength, contextLength);
        }
        return OnnxTensor.createTensor(env, LongBuffer.wrap(flat), shape);
    }

    @Override
    public void close() {
        try {
            ClipSessions.close(session);
        } finally {
            tokenizer.close();
        }
    }
}
