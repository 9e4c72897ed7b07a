package dev.loupe.core.compose;

/** FiLM (Perez et al.): the text scales and shifts each image feature, {@code (1 + gamma(t)) * x + beta(t)}. */
record FilmComposer(Dense gamma, Dense beta) implements Composer {
    FilmComposer {
        if (gamma.in() != beta.in() || gamma.out() != beta.out()) {
            throw new IllegalArgumentException("film composer: gamma and beta layers differ in size");
        }
    }

    @Override
    public float[] compose(float[] image, float[] text) {
        Composers.check("image", image, imageDim());
        Composers.check("text", text, textDim());
        float[] g = gamma.apply(text);
        float[] b = beta.apply(text);
        float[] out = new float[image.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (1f + g[i]) * image[i] + b[i];
        }
        return out;
    }

    @Override
    public int imageDim() {
        return gamma.out();
    }

    @Override
    public int textDim() {
        return gamma.in();
    }

    @Override
    public int outputDim() {
        return gamma.out();
    }
}
