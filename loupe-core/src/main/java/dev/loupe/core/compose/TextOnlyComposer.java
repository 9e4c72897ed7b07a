package dev.loupe.core.compose;

/** Baseline that ignores the image: the query is a linear map of the text vector into the image space. */
record TextOnlyComposer(int imageDim, Dense proj) implements Composer {
    @Override
    public float[] compose(float[] image, float[] text) {
        Composers.check("text", text, proj.in());
        return proj.apply(text);
    }

    @Override
    public int textDim() {
        return proj.in();
    }

    @Override
    public int outputDim() {
        return proj.out();
    }
}
