package dev.loupe.learn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.loupe.core.compose.ComposerFile;
import dev.loupe.core.compose.ComposerMetadata;
import dev.loupe.core.compose.Tensor;
import dev.loupe.learn.data.ImageBank;
import dev.loupe.learn.data.Vocabulary;
import dev.loupe.learn.nn.ComposerNet;
import dev.loupe.learn.nn.ImageCnn;
import dev.loupe.learn.nn.Params;
import dev.loupe.learn.nn.TextLstm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** CNN image encoder + LSTM text encoder + composer head, trained end to end. */
public final class ComposeModel {
    private final Params params;
    private final ImageCnn cnn;
    private final TextLstm lstm;
    private final ComposerNet head;
    private final Vocabulary vocab;
    private final int maxLen;
    private final int imageSize;

    public ComposeModel(NDManager m, ComposeConfig c, int imageSize, Vocabulary vocab, int maxLen) {
        this.params = new Params(m, c.seed());
        this.cnn = new ImageCnn(params, imageSize, c.cnnWidth(), c.embedDim());
        this.lstm = new TextLstm(params, vocab.size(), 64, c.textDim());
        this.head = ComposerNet.create(params, c.method(), c.embedDim(), c.textDim(), c.hidden(), cnn.grid(),
                cnn.channels());
        params.constant("loss.scale", 4f, 1);
        this.vocab = vocab;
        this.maxLen = maxLen;
        this.imageSize = imageSize;
    }

    public Params params() {
        return params;
    }

    public ComposerNet head() {
        return head;
    }

    public ImageCnn cnn() {
        return cnn;
    }

    /** Image batch [n, 3, s, s] from the bank. */
    public NDArray images(NDManager m, ImageBank bank, int[] idx) {
        return m.create(bank.toNchw(idx), new Shape(idx.length, 3, bank.size(), bank.size()));
    }

    public NDArray texts(NDManager m, List<String> texts) {
        int[] tok = new int[texts.size() * maxLen];
        for (int i = 0; i < texts.size(); i++) {
            System.arraycopy(vocab.encode(texts.get(i), maxLen), 0, tok, i * maxLen, maxLen);
        }
        return lstm.encode(m, tok, texts.size(), maxLen);
    }

    /** Image embeddings [n, embedDim]. */
    public NDArray embedImages(NDManager m, ImageBank bank, int[] idx) {
        return cnn.embed(cnn.featureMap(images(m, bank, idx)));
    }

    /** Composed queries [n, embedDim] for reference images and texts. */
    public NDArray compose(NDManager m, ImageBank bank, int[] sources, List<String> texts) {
        NDArray map = cnn.featureMap(images(m, bank, sources));
        NDArray in = head.needsFeatureMap() ? ImageCnn.cells(map) : cnn.embed(map);
        return head.forward(in, texts(m, texts));
    }

    /** The composer file: head weights, the encoders (for re-evaluation), vocabulary and metrics. */
    public ComposerFile toFile(String dataset, Map<String, Double> metrics) {
        List<Tensor> tensors = new ArrayList<>(params.export(""));
        ComposerMetadata md = new ComposerMetadata(head.method(), dataset, "learn_" + dataset.replace('-', '_'),
                head.imageInputDim(), head.textDim(), head.imageDim(), "loupe-learn-cnn", "loupe-learn-lstm", metrics,
                merge(head.properties(), Map.of("vocabulary", String.join(" ", vocab.words()), "text.max_length",
                        Integer.toString(maxLen), "cnn.width", Integer.toString(cnn.channels() / 4),
                        "image.size", Integer.toString(imageSize))));
        return new ComposerFile(md, tensors);
    }

    private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        Map<String, String> m = new java.util.TreeMap<>(a);
        m.putAll(b);
        return m;
    }
}
