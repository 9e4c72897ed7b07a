package dev.loupe.learn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * Word embedding + single-layer LSTM text encoder. Tokens are padded with 0; the state stops updating at padding,
 * so the output is the hidden state after each text's last word, [B, hidden]. Parameters are named
 * {@code encoder.text.*} (gate order i, f, g, o as in PyTorch).
 */
public final class TextLstm {
    private final Params p;
    private final int vocab;
    private final int embed;
    private final int hidden;

    public TextLstm(Params p, int vocab, int embed, int hidden) {
        this.p = p;
        this.vocab = vocab;
        this.embed = embed;
        this.hidden = hidden;
        p.uniform("encoder.text.embed", 0.5f, vocab, embed);
        float b = (float) (1 / Math.sqrt(hidden));
        p.uniform("encoder.text.lstm.w_ih", b, 4L * hidden, embed);
        p.uniform("encoder.text.lstm.w_hh", b, 4L * hidden, hidden);
        float[] bias = new float[4 * hidden];
        for (int i = hidden; i < 2 * hidden; i++) {
            bias[i] = 1f; // forget-gate bias 1: remember by default
        }
        p.constant("encoder.text.lstm.bias", 0f, 4L * hidden).set(bias);
    }

    public int hidden() {
        return hidden;
    }

    /** Encodes token ids [B, T] (row-major in {@code tokens}). */
    public NDArray encode(NDManager m, int[] tokens, int batch, int length) {
        NDArray ids = m.create(tokens, new Shape(batch, length));
        NDArray mask = ids.gt(0).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).expandDims(2); // [B,T,1]
        NDArray x = ids.reshape(-1).oneHot(vocab).matMul(p.get("encoder.text.embed")).reshape(batch, length, embed);
        NDArray wih = p.get("encoder.text.lstm.w_ih").transpose();
        NDArray whh = p.get("encoder.text.lstm.w_hh").transpose();
        NDArray bias = p.get("encoder.text.lstm.bias");
        NDArray h = m.zeros(new Shape(batch, hidden));
        NDArray c = m.zeros(new Shape(batch, hidden));
        NDArray xw = x.reshape(batch * length, embed).matMul(wih).reshape(batch, length, 4L * hidden);
        for (int t = 0; t < length; t++) {
            NDArray gates = xw.get(":, " + t + ", :").add(h.matMul(whh)).add(bias);
            NDList g = gates.split(4, 1);
            NDArray cNew = Activation.sigmoid(g.get(1)).mul(c)
                    .add(Activation.sigmoid(g.get(0)).mul(g.get(2).tanh()));
            NDArray hNew = Activation.sigmoid(g.get(3)).mul(cNew.tanh());
            NDArray mt = mask.get(":, " + t + ", :");
            c = cNew.mul(mt).add(c.mul(mt.neg().add(1f)));
            h = hNew.mul(mt).add(h.mul(mt.neg().add(1f)));
        }
        return h;
    }
}
