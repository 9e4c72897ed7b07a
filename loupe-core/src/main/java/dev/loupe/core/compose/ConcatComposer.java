package dev.loupe.core.compose;

/** Baseline: a two-layer perceptron over the concatenated image and text vectors, {@code mlp2(relu(mlp1([x, t])))}. */
record ConcatComposer(Dense mlp1, Dense mlp2, int imageDim) implements Composer {
    ConcatComposer {
        if (mlp1.out() != mlp2.in() || mlp1.in() <= imageDim) {
            throw new IllegalArgumentException("concat composer: layer sizes do not chain: " + mlp1.in() + "->"
                    + mlp1.out() + ", " + mlp2.in() + "->" + mlp2.out() + " with image " + imageDim);
        }
    }

    @Override
    public float[] compose(float[] image, float[] text) {
        Composers.check("image", image, imageDim);
        Composers.check("text", text, textDim());
        return mlp2.apply(Dense.relu(mlp1.apply(Composers.concat(image, text))));
    }

    @Override
    public int textDim() {
        return mlp1.in() - imageDim;
    }

    @Override
    public int outputDim() {
        return mlp2.out();
    }
}
