package dev.loupe.core.compose;

import java.util.List;

/** Names of the composer methods and the factory that builds the pure-Java composer for a file. */
public final class Composers {
    public static final String IMAGE_ONLY = "image_only";
    public static final String TEXT_ONLY = "text_only";
    public static final String CONCAT = "concat";
    public static final String TIRG = "tirg";
    public static final String FILM = "film";
    public static final String RELATION = "relation";
    /** DeViSE: a linear map of image vectors into a text space; text is ignored. */
    public static final String PROJECTION = "projection";

    public static final List<String> METHODS = List.of(IMAGE_ONLY, TEXT_ONLY, CONCAT, TIRG, FILM, RELATION, PROJECTION);

    private Composers() {
    }

    /** Builds the composer described by {@code file}, checking every tensor's shape against the metadata. */
    public static Composer create(ComposerFile file) {
        ComposerMetadata m = file.metadata();
        Composer c = switch (m.method()) {
            case IMAGE_ONLY -> new ImageOnlyComposer(m.imageDim(), m.textDim());
            case TEXT_ONLY -> new TextOnlyComposer(m.imageDim(), Dense.of(file, "proj"));
            case CONCAT -> new ConcatComposer(Dense.of(file, "mlp1"), Dense.of(file, "mlp2"), m.imageDim());
            case TIRG -> new TirgComposer(Dense.of(file, "gate1"), Dense.of(file, "gate2"), Dense.of(file, "res1"),
                    Dense.of(file, "res2"), scalar(file, "w_g"), scalar(file, "w_r"), m.imageDim());
            case FILM -> new FilmComposer(Dense.of(file, "gamma"), Dense.of(file, "beta"));
            case RELATION -> new RelationComposer(m.intProperty("relation.grid"), m.intProperty("relation.channels"),
                    Dense.of(file, "g1"), Dense.of(file, "g2"), Dense.of(file, "f1"), Dense.of(file, "f2"));
            case PROJECTION -> new ProjectionComposer(Dense.of(file, "proj"));
            default -> throw new IllegalArgumentException(file.describe() + " uses unknown method '" + m.method()
                    + "'; known: " + METHODS);
        };
        if (c.imageDim() != m.imageDim() || c.textDim() != m.textDim() || c.outputDim() != m.outputDim()) {
            throw new IllegalArgumentException(file.describe() + ": weights give image " + c.imageDim() + ", text "
                    + c.textDim() + ", output " + c.outputDim() + " dims but the metadata says " + m.imageDim()
                    + ", " + m.textDim() + ", " + m.outputDim());
        }
        return c;
    }

    private static float scalar(ComposerFile file, String name) {
        Tensor t = file.tensor(name);
        if (t.data().length != 1) {
            throw new IllegalArgumentException(file.describe() + ": " + name + " must hold one value, has "
                    + t.data().length);
        }
        return t.data()[0];
    }

    static float[] concat(float[] a, float[] b) {
        float[] r = new float[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    static void check(String what, float[] v, int dim) {
        if (v == null || v.length != dim) {
            throw new IllegalArgumentException(what + " vector must have " + dim + " values, got "
                    + (v == null ? "null" : v.length));
        }
    }
}
