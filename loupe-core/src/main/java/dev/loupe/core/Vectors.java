package dev.loupe.core;

/** Small dense-vector helpers. All methods allocate new arrays; inputs are never modified. */
public final class Vectors {
    private Vectors() {
    }

    public static float dot(float[] a, float[] b) {
        sameLength(a, b);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return (float) s;
    }

    public static float norm(float[] a) {
        double s = 0;
        for (float v : a) {
            s += (double) v * v;
        }
        return (float) Math.sqrt(s);
    }

    /** Cosine similarity; throws on a zero-length vector because the angle is undefined. */
    public static float cosine(float[] a, float[] b) {
        float na = norm(a);
        float nb = norm(b);
        if (na == 0 || nb == 0) {
            throw new IllegalArgumentException("cosine of a zero-length vector is undefined");
        }
        return dot(a, b) / (na * nb);
    }

    /** Returns a unit-length copy; throws on a zero vector. */
    public static float[] normalize(float[] a) {
        float n = norm(a);
        if (n == 0 || !Float.isFinite(n)) {
            throw new IllegalArgumentException("cannot normalize a zero-length or non-finite vector");
        }
        return scale(a, 1f / n);
    }

    public static float[] scale(float[] a, float f) {
        float[] r = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] * f;
        }
        return r;
    }

    public static float[] add(float[] a, float[] b) {
        sameLength(a, b);
        float[] r = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] + b[i];
        }
        return r;
    }

    public static float[] subtract(float[] a, float[] b) {
        sameLength(a, b);
        float[] r = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] - b[i];
        }
        return r;
    }

    /** {@code a + f * b}. */
    public static float[] addScaled(float[] a, float f, float[] b) {
        sameLength(a, b);
        float[] r = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] + f * b[i];
        }
        return r;
    }

    /** Concatenates vectors, e.g. to fuse two spaces into one feature. */
    public static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] r = new float[n];
        int o = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, r, o, p.length);
            o += p.length;
        }
        return r;
    }

    private static void sameLength(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vector lengths differ: " + a.length + " vs " + b.length);
        }
    }
}
