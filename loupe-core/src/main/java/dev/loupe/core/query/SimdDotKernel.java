package dev.loupe.core.query;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dot products with the JDK Vector API (incubator module {@code jdk.incubator.vector}): fused multiply-adds on the
 * platform's widest float vectors, two accumulators per product to hide the FMA latency. Only loaded when the
 * module is present (see {@link DotKernel#best()}).
 */
final class SimdDotKernel implements DotKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int len) {
        int step = SPECIES.length();
        int bound = SPECIES.loopBound(len);
        FloatVector acc0 = FloatVector.zero(SPECIES);
        FloatVector acc1 = FloatVector.zero(SPECIES);
        int i = 0;
        for (; i + 2 * step <= bound; i += 2 * step) {
            acc0 = FloatVector.fromArray(SPECIES, a, aOff + i).fma(FloatVector.fromArray(SPECIES, b, bOff + i), acc0);
            acc1 = FloatVector.fromArray(SPECIES, a, aOff + i + step)
                    .fma(FloatVector.fromArray(SPECIES, b, bOff + i + step), acc1);
        }
        for (; i < bound; i += step) {
            acc0 = FloatVector.fromArray(SPECIES, a, aOff + i).fma(FloatVector.fromArray(SPECIES, b, bOff + i), acc0);
        }
        float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) {
            sum += a[aOff + i] * b[bOff + i];
        }
        return sum;
    }

    @Override
    public void dot2(float[] x, int xOff, float[] p, float[] s, int len, float[] out) {
        int step = SPECIES.length();
        int bound = SPECIES.loopBound(len);
        FloatVector p0 = FloatVector.zero(SPECIES);
        FloatVector p1 = FloatVector.zero(SPECIES);
        FloatVector s0 = FloatVector.zero(SPECIES);
        FloatVector s1 = FloatVector.zero(SPECIES);
        int i = 0;
        for (; i + 2 * step <= bound; i += 2 * step) {
            FloatVector x0 = FloatVector.fromArray(SPECIES, x, xOff + i);
            FloatVector x1 = FloatVector.fromArray(SPECIES, x, xOff + i + step);
            p0 = x0.fma(FloatVector.fromArray(SPECIES, p, i), p0);
            s0 = x0.fma(FloatVector.fromArray(SPECIES, s, i), s0);
            p1 = x1.fma(FloatVector.fromArray(SPECIES, p, i + step), p1);
            s1 = x1.fma(FloatVector.fromArray(SPECIES, s, i + step), s1);
        }
        for (; i < bound; i += step) {
            FloatVector x0 = FloatVector.fromArray(SPECIES, x, xOff + i);
            p0 = x0.fma(FloatVector.fromArray(SPECIES, p, i), p0);
            s0 = x0.fma(FloatVector.fromArray(SPECIES, s, i), s0);
        }
        float ps = p0.add(p1).reduceLanes(VectorOperators.ADD);
        float ss = s0.add(s1).reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) {
            ps += x[xOff + i] * p[i];
            ss += x[xOff + i] * s[i];
        }
        out[0] = ps;
        out[1] = ss;
    }

    /** The width of the platform's preferred float vectors. */
    static int vectorBits() {
        return SPECIES.vectorBitSize();
    }

    @Override
    public String name() {
        return "vector-api-" + SPECIES.vectorBitSize() + "bit";
    }
}
