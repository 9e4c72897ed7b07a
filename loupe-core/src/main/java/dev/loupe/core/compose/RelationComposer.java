package dev.loupe.core.compose;

/**
 * Relation-network baseline (Santoro et al.): the image input is a grid x grid feature map, flattened cell by
 * cell ({@code channels} values per cell, row-major cells). Each cell becomes an object {@code [features, y, x]}
 * with coordinates in [-1, 1]; every ordered pair of objects is scored with the text by {@code g}, the pair
 * outputs are averaged and mapped by {@code f}:
 * <pre>
 *   out = f2(relu(f1(mean_ij relu(g2(relu(g1([o_i, o_j, t])))))))
 * </pre>
 * Only usable with the trainer's own CNN, whose feature map it needs.
 */
record RelationComposer(int grid, int channels, Dense g1, Dense g2, Dense f1, Dense f2) implements Composer {
    RelationComposer {
        if (grid <= 0 || channels <= 0 || g1.in() <= 2 * (channels + 2) || g1.out() != g2.in()
                || g2.out() != f1.in() || f1.out() != f2.in()) {
            throw new IllegalArgumentException("relation composer: layer sizes do not match grid " + grid
                    + " and channels " + channels);
        }
    }

    @Override
    public float[] compose(float[] image, float[] text) {
        Composers.check("image feature map", image, imageDim());
        Composers.check("text", text, textDim());
        int n = grid * grid;
        int obj = channels + 2;
        float[][] objects = new float[n][obj];
        for (int k = 0; k < n; k++) {
            System.arraycopy(image, k * channels, objects[k], 0, channels);
            objects[k][channels] = coordinate(k / grid);
            objects[k][channels + 1] = coordinate(k % grid);
        }
        float[] sum = new float[g2.out()];
        float[] in = new float[g1.in()];
        System.arraycopy(text, 0, in, 2 * obj, text.length);
        for (int i = 0; i < n; i++) {
            System.arraycopy(objects[i], 0, in, 0, obj);
            for (int j = 0; j < n; j++) {
                System.arraycopy(objects[j], 0, in, obj, obj);
                float[] g = Dense.relu(g2.apply(Dense.relu(g1.apply(in))));
                for (int d = 0; d < sum.length; d++) {
                    sum[d] += g[d];
                }
            }
        }
        float inv = 1f / (n * n);
        for (int d = 0; d < sum.length; d++) {
            sum[d] *= inv;
        }
        return f2.apply(Dense.relu(f1.apply(sum)));
    }

    /** Position of row or column {@code i} in [-1, 1]; 0 for a 1x1 grid. */
    float coordinate(int i) {
        return grid == 1 ? 0f : -1f + 2f * i / (grid - 1);
    }

    @Override
    public int imageDim() {
        return grid * grid * channels;
    }

    @Override
    public int textDim() {
        return g1.in() - 2 * (channels + 2);
    }

    @Override
    public int outputDim() {
        return f2.out();
    }
}
