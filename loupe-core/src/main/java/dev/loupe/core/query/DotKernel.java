package dev.loupe.core.query;

/**
 * Dot products over rows stored in one large array, the inner loop of the exact scan. Two implementations: plain
 * loops ({@link ScalarDotKernel}) and the JDK Vector API ({@link SimdDotKernel}); {@link #best()} picks one.
 */
interface DotKernel {

    /** Σ a[aOff+i]·b[bOff+i] for i &lt; len. */
    float dot(float[] a, int aOff, float[] b, int bOff, int len);

    /**
     * Two dot products of one row in one pass over it: out[0] = x·p, out[1] = x·s, where x = x[xOff..xOff+len),
     * {@code p} and {@code s} start at 0.
     */
    void dot2(float[] x, int xOff, float[] p, float[] s, int len, float[] out);

    /** Short name for benchmarks and logs. */
    String name();

    /**
     * The Vector API kernel when the module {@code jdk.incubator.vector} is present at run time and the CPU has vectors
     * of at least {@value VectorSupport#MIN_VECTOR_BITS} bits, else plain loops.
     */
    static DotKernel best() {
        return Holder.BEST;
    }

    /** True when this JVM runs with {@code --add-modules jdk.incubator.vector}. */
    static boolean vectorApiAvailable() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** Lazily initialised, immutable choice; the SIMD class is only loaded when its module is there. */
    final class Holder {
        static final DotKernel BEST = choose();

        private Holder() {
        }

        private static DotKernel choose() {
            if (vectorApiAvailable()) {
                try {
                    return SimdDotKernel.vectorBits() >= VectorSupport.MIN_VECTOR_BITS
                            ? new SimdDotKernel() : new ScalarDotKernel();
                } catch (LinkageError e) {
                    return new ScalarDotKernel();
                }
            }
            return new ScalarDotKernel();
        }
    }
}
