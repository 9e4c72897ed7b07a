package dev.loupe.core.compose;

/** Baseline that ignores the text: the query is the reference image's own vector. */
record ImageOnlyComposer(int imageDim, int textDim) implements Composer {
    @Override
    public float[] compose(float[] image, float[] text) {
        Composers.check("image", image, imageDim);
        return image.clone();
    }

    @Override
    public int outputDim() {
        return imageDim;
    }
}
