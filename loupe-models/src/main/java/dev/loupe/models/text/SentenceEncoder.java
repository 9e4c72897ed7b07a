package dev.loupe.models.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.loupe.core.Vectors;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A BERT-style sentence encoder run with ONNX Runtime: tokenizer.json through DJL's HuggingFace tokenizers, the
 * transformer through an ORT session, then mean or CLS pooling and L2 normalisation. The model files ship inside
 * Maven Central jars (see {@link Kind}), so this works offline. Thread-safe.
 *
 * <p>Opened with a cache folder, the encoder keeps the model as ONNX Runtime optimised it there (one file per model,
 * ORT version and jar resource) and later loads that file without optimising again: a one-shot text search then
 * skips inflating 34 MB from the jar and the graph optimisation, about 0.6 s of CPU (docs/performance.md, cold
 * start). The saved graph is the one the first run used, so embeddings are the same either way.
 */
public final class SentenceEncoder implements AutoCloseable {

    /** The sentence encoders Loupe knows, with the classpath resources that hold them. */
    public enum Kind {
        /** sentence-transformers all-MiniLM-L6-v2, int8; mean pooling. */
        MINILM("all-minilm-l6-v2-q", "/all-minilm-l6-v2-q.onnx", "/all-minilm-l6-v2-q-tokenizer.json", false, 384),
        /** BAAI bge-small-en-v1.5, int8; CLS pooling. */
        BGE_SMALL("bge-small-en-v1.5-q", "/bge-small-en-v1.5-q.onnx", "/bge-small-en-v1.5-q-tokenizer.json", true, 384);

        final String id;
        final String modelResource;
        final String tokenizerResource;
        final boolean clsPooling;
        final int dimension;

        Kind(String id, String modelResource, String tokenizerResource, boolean clsPooling, int dimension) {
            this.id = id;
            this.dimension = dimension;
            this.modelResource = modelResource;
            this.tokenizerResource = tokenizerResource;
            this.clsPooling = clsPooling;
        }

        public String id() {
            return id;
        }

        /** Embedding dimension (checked against the model when it loads). */
        public int dimension() {
            return dimension;
        }

        public static Kind byId(String id) {
            for (Kind k : values()) {
                if (k.id.equals(id) || k.name().equalsIgnoreCase(id)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown text encoder '" + id + "'; known: minilm, bge_small");
        }
    }

    private static final int MAX_TOKENS = 128;
    /**
     * One text per ONNX call: the int8 models quantize activations dynamically over the whole batch, so batching
     * changes a text's embedding slightly (cosine 0.993 measured). A text must embed the same way every time.
     */
    private static final int BATCH = 1;

    private final Kind kind;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean wantsTypeIds;
    private final int dimension;

    private SentenceEncoder(Kind kind, int threads, Path cacheDir) {
        this.kind = kind;
        try {
            this.env = OrtEnvironment.getEnvironment();
            this.session = cacheDir == null ? createSession(env, kind, threads, OrtSession.SessionOptions.OptLevel.ALL_OPT,
                    null) : cachedSession(env, kind, threads, cacheDir);
            Map<String, String> tokOptions = new HashMap<>();
            tokOptions.put("padding", "false");
            tokOptions.put("truncation", "true");
            tokOptions.put("maxLength", Integer.toString(MAX_TOKENS));
            try (InputStream in = resource(kind.tokenizerResource)) {
                this.tokenizer = HuggingFaceTokenizer.newInstance(in, tokOptions);
            }
            this.wantsTypeIds = session.getInputNames().contains("token_type_ids");
            this.dimension = encode(List.of("probe")).get(0).length;
            if (dimension != kind.dimension) {
                throw new IllegalStateException("text encoder " + kind.id + " produced " + dimension
                        + " dimensions, expected " + kind.dimension);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load text encoder " + kind.id + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read text encoder " + kind.id + " from the classpath", e);
        }
    }

    /** Opens the encoder; {@code threads} is ONNX Runtime's intra-op thread count. */
    public static SentenceEncoder open(Kind kind, int threads) {
        return new SentenceEncoder(kind, threads, null);
    }

    /** Opens the encoder, keeping its optimised model in {@code cacheDir} (created when missing) for later runs. */
    public static SentenceEncoder open(Kind kind, int threads, Path cacheDir) {
        return new SentenceEncoder(kind, threads, cacheDir);
    }

    /**
     * A session from the optimised model in {@code cacheDir}, writing it there first when it is missing (under a
     * temporary name, moved into place, so concurrent first runs never read half a file). A cache that cannot be
     * written or read is skipped: the session is then built from the jar as without a cache.
     */
    private static OrtSession cachedSession(OrtEnvironment env, Kind kind, int threads, Path cacheDir)
            throws OrtException, IOException {
        java.net.URL url = SentenceEncoder.class.getResource(kind.modelResource);
        long size = url == null ? -1 : url.openConnection().getContentLengthLong();
        String version = OrtEnvironment.class.getPackage().getImplementationVersion();
        Path optimized = cacheDir.resolve(kind.id + "-" + size + "-ort" + version + ".onnx");
        if (Files.isRegularFile(optimized)) {
            try {
                return env.createSession(optimized.toString(),
                        options(threads, OrtSession.SessionOptions.OptLevel.NO_OPT));
            } catch (OrtException e) {
                Files.deleteIfExists(optimized); // damaged: optimise again below
            }
        }
        Path part = null;
        try {
            Files.createDirectories(cacheDir);
            part = Files.createTempFile(cacheDir, kind.id, ".part");
        } catch (IOException e) {
            part = null; // a read-only home: no cache
        }
        // EXTENDED: the highest level whose saved graph is portable (ALL adds layout changes for this CPU)
        OrtSession s = createSession(env, kind, threads, OrtSession.SessionOptions.OptLevel.EXTENDED_OPT, part);
        if (part != null) {
            try {
                Files.move(part, optimized, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                Files.deleteIfExists(part);
            }
        }
        return s;
    }

    private static OrtSession createSession(OrtEnvironment env, Kind kind, int threads,
                                            OrtSession.SessionOptions.OptLevel level, Path saveOptimized)
            throws OrtException, IOException {
        OrtSession.SessionOptions options = options(threads, level);
        if (saveOptimized != null) {
            options.setOptimizedModelFilePath(saveOptimized.toString());
        }
        return env.createSession(readResource(kind.modelResource), options);
    }

    private static OrtSession.SessionOptions options(int threads, OrtSession.SessionOptions.OptLevel level)
            throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(Math.max(1, threads));
        options.setOptimizationLevel(level);
        return options;
    }

    public Kind kind() {
        return kind;
    }

    public int dimension() {
        return dimension;
    }

    /** Unit-length embeddings, one per text, in input order. Empty text is allowed (it embeds the special tokens). */
    public List<float[]> encode(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += BATCH) {
            out.addAll(encodeBatch(texts.subList(from, Math.min(texts.size(), from + BATCH))));
        }
        return out;
    }

    public float[] encode(String text) {
        return encode(List.of(text)).get(0);
    }

    private List<float[]> encodeBatch(List<String> texts) {
        Encoding[] encodings = tokenizer.batchEncode(texts);
        int n = encodings.length;
        int len = 1;
        for (Encoding e : encodings) {
            len = Math.max(len, e.getIds().length);
        }
        long[] ids = new long[n * len];
        long[] mask = new long[n * len];
        long[] types = new long[n * len];
        for (int i = 0; i < n; i++) {
            long[] id = encodings[i].getIds();
            long[] m = encodings[i].getAttentionMask();
            long[] t = encodings[i].getTypeIds();
            System.arraycopy(id, 0, ids, i * len, id.length);
            System.arraycopy(m, 0, mask, i * len, m.length);
            System.arraycopy(t, 0, types, i * len, t.length);
        }
        long[] shape = {n, len};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (wantsTypeIds) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                float[][][] hidden = (float[][][]) result.get(0).getValue();
                List<float[]> out = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    out.add(Vectors.normalize(pool(hidden[i], mask, i * len, len)));
                }
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("text encoder " + kind.id + " failed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private float[] pool(float[][] tokens, long[] mask, int offset, int len) {
        if (kind.clsPooling) {
            return tokens[0].clone();
        }
        float[] sum = new float[tokens[0].length];
        int count = 0;
        for (int t = 0; t < len; t++) {
            if (mask[offset + t] == 0) {
                continue;
            }
            count++;
            float[] v = tokens[t];
            for (int d = 0; d < sum.length; d++) {
                sum[d] += v[d];
            }
        }
        return Vectors.scale(sum, 1f / Math.max(1, count));
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = SentenceEncoder.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("resource " + name + " is missing from the classpath (the langchain4j embeddings jar)");
        }
        return in;
    }

    private static byte[] readResource(String name) throws IOException {
        try (InputStream in = resource(name)) {
            return in.readAllBytes();
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
        tokenizer.close();
    }
}
