package dev.loupe.core.compose;

/**
 * TIRG (Vo et al., CVPR 2019): the image vector, gated by the text, plus a text-conditioned residual:
 * <pre>
 *   c    = [x, t]
 *   gate = sigmoid(gate2(relu(gate1(c)))) * x
 *   res  = res2(relu(res1(c)))
 *   out  = w_g * gate + w_r * res
 * </pre>
 * with learned scalars {@code w_g} and {@code w_r}.
 */
record TirgComposer(Dense gate1, Dense gate2, Dense res1, Dense res2, float wg, float wr, int imageDim)
        implements Composer {
    TirgComposer {
        if (gate1.in() != res1.in() || gate1.out() != gate2.in() || res1.out() != res2.in()
                || gate2.out() != imageDim || res2.out() != imageDim || gate1.in() <= imageDim) {
            throw new IllegalArgumentException("tirg composer: layer sizes do not match image dim " + imageDim);
        }
    }

    @Override
    public float[] compose(float[] image, float[] text) {
        Composers.check("image", image, imageDim);
        Composers.check("text", text, textDim());
        float[] c = Composers.concat(image, text);
        float[] g = Dense.sigmoid(gate2.apply(Dense.relu(gate1.apply(c))));
        float[] r = res2.apply(Dense.relu(res1.apply(c)));
        float[] out = new float[imageDim];
        for (int i = 0; i < imageDim; i++) {
            out[i] = wg * g[i] * image[i] + wr * r[i];
        }
        return out;
    }

    @Override
    public int textDim() {
        return gate1.in() - imageDim;
    }

    @Override
    public int outputDim() {
        return imageDim;
    }
}
