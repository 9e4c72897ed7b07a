package dev.loupe.core.compose;

/** DeViSE projection: a linear map of an image vector into a text space; the text argument is ignored. */
record ProjectionComposer(Dense proj) implements Composer {
    @Override
    public float[] compose(float[] image, float[] text) {
        Composers.check("image", image, proj.in());
        return proj.apply(image);
    }

    @Override
    public int imageDim() {
        return proj.in();
    }

    @Override
    public int textDim() {
        return 0;
    }

    @Override
    public int outputDim() {
        return proj.out();
    }
}
