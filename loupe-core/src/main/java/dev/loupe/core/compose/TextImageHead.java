package dev.loupe.core.compose;

import java.util.List;

/**
 * A trained text→image head over frozen index vectors: an alternative space in which a text query ranks images.
 * The image side maps an image's vector of one space (e.g. the 1280-d visual features) into a joint space; the
 * text side maps the model's text vector into the same space, or is the identity (DeViSE: the joint space is the
 * text space). A text t scores an image v by {@code cos(image(v), text(t))}. Stored as a {@link ComposerFile}
 * with method {@link #DEVISE} or {@link #VSE}, tensors {@code image.*} (and {@code text.*} for VSE), and the
 * image side's space in the property {@value #SOURCE_SPACE}.
 *
 * @param method     {@link #DEVISE} or {@link #VSE}
 * @param imageSpace the index space the image side reads
 * @param image      the image side, [joint, image dim]
 * @param text       the text side, [joint, text dim], or null for the identity
 */
public record TextImageHead(String method, String imageSpace, Dense image, Dense text) {
    /** DeViSE (Frome et al.): a linear projection of image vectors onto the text space. */
    public static final String DEVISE = "devise";
    /** VSE (Kiros et al.): an image projection and a text projection into a joint space. */
    public static final String VSE = "vse";
    public static final List<String> METHODS = List.of(DEVISE, VSE);
    /** The metadata property naming the index space of the image side. */
    public static final String SOURCE_SPACE = "source.space";

    public TextImageHead {
        int textOut = text == null ? -1 : text.out();
        if (text != null && textOut != image.out()) {
            throw new IllegalArgumentException("head sides disagree: image side gives " + image.out()
                    + " values, text side " + textOut);
        }
    }

    /** The head a file holds; an error names the file when it holds no head or damaged weights. */
    public static TextImageHead of(ComposerFile file) {
        ComposerMetadata m = file.metadata();
        if (!METHODS.contains(m.method())) {
            throw new IllegalArgumentException(file.describe() + " holds a '" + m.method() + "' composer, not a "
                    + "text→image head (" + String.join(" or ", METHODS) + ")");
        }
        String source = m.properties().get(SOURCE_SPACE);
        if (source == null) {
            throw new IllegalArgumentException(file.describe() + " lacks the property " + SOURCE_SPACE);
        }
        Dense image = Dense.of(file, "image");
        Dense text = m.method().equals(VSE) ? Dense.of(file, "text") : null;
        int textIn = text == null ? image.out() : text.in();
        if (image.in() != m.imageDim() || textIn != m.textDim() || image.out() != m.outputDim()) {
            throw new IllegalArgumentException(file.describe() + ": weights give image " + image.in() + ", text "
                    + textIn + ", joint " + image.out() + " dims but the metadata says " + m.imageDim() + ", "
                    + m.textDim() + ", " + m.outputDim());
        }
        return new TextImageHead(m.method(), source, image, text);
    }

    /** Length of the image vectors it reads. */
    public int imageDim() {
        return image.in();
    }

    /** Length of the text vectors it reads. */
    public int textDim() {
        return text == null ? image.out() : text.in();
    }

    /** A text vector in the joint space, unit length: the query. */
    public float[] query(float[] textVector) {
        if (textVector.length != textDim()) {
            throw new IllegalArgumentException("the head reads " + textDim() + "-d text vectors, got "
                    + textVector.length);
        }
        return unit(text == null ? textVector.clone() : text.apply(textVector));
    }

    /** An image vector in the joint space, unit length. */
    public float[] embedImage(float[] imageVector) {
        return unit(image.apply(imageVector));
    }

    /** The head's cosine of a query ({@link #query}) and an image vector of {@link #imageSpace}. */
    public float score(float[] query, float[] imageVector) {
        float[] v = embedImage(imageVector);
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += (double) v[i] * query[i];
        }
        return (float) s;
    }

    /**
     * The query's direction in the image space, unit length: {@code Wᵀ q}. Its dot product with an image vector v
     * is the head's score before the joint-space normalisation ({@code q·(Wv + b)} up to the constant {@code q·b}),
     * so an index's nearest neighbours of this direction are the head's candidates.
     */
    public float[] direction(float[] query) {
        float[] w = image.weight();
        int in = image.in();
        double[] d = new double[in];
        for (int o = 0; o < image.out(); o++) {
            double q = query[o];
            int row = o * in;
            for (int i = 0; i < in; i++) {
                d[i] += w[row + i] * q;
            }
        }
        float[] out = new float[in];
        for (int i = 0; i < in; i++) {
            out[i] = (float) d[i];
        }
        return unit(out);
    }

    static float[] unit(float[] v) {
        double n = 0;
        for (float x : v) {
            n += (double) x * x;
        }
        n = Math.sqrt(n);
        if (n == 0) {
            return v;
        }
        float[] r = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = (float) (v[i] / n);
        }
        return r;
    }
}
