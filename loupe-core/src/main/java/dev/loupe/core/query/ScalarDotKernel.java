package dev.loupe.core.query;

/**
 * Plain-loop dot products with four independent accumulators (the JIT does not vectorise a float reduction because
 * that would change the rounding order; independent sums at least keep the FP units busy).
 */
final class ScalarDotKernel implements DotKernel {

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int len) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int i = 0;
        for (; i + 4 <= len; i += 4) {
            s0 += a[aOff + i] * b[bOff + i];
            s1 += a[aOff + i + 1] * b[bOff + i + 1];
            s2 += a[aOff + i + 2] * b[bOff + i + 2];
            s3 += a[aOff + i + 3] * b[bOff + i + 3];
        }
        for (; i < len; i++) {
            s0 += a[aOff + i] * b[bOff + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public void dot2(float[] x, int xOff, float[] p, float[] s, int len, float[] out) {
        float p0 = 0f;
        float p1 = 0f;
        float p2 = 0f;
        float p3 = 0f;
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int i = 0;
        for (; i + 4 <= len; i += 4) {
            float x0 = x[xOff + i];
            float x1 = x[xOff + i + 1];
            float x2 = x[xOff + i + 2];
            float x3 = x[xOff + i + 3];
            p0 += x0 * p[i];
            p1 += x1 * p[i + 1];
            p2 += x2 * p[i + 2];
            p3 += x3 * p[i + 3];
            s0 += x0 * s[i];
            s1 += x1 * s[i + 1];
            s2 += x2 * s[i + 2];
            s3 += x3 * s[i + 3];
        }
        for (; i < len; i++) {
            p0 += x[xOff + i] * p[i];
            s0 += x[xOff + i] * s[i];
        }
        out[0] = (p0 + p1) + (p2 + p3);
        out[1] = (s0 + s1) + (s2 + s3);
    }

    @Override
    public String name() {
        return "scalar";
    }
}
