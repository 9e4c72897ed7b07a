package dev.loupe.core.query;

import java.util.Optional;

/**
 * Whether this JVM runs the exact scan with SIMD (the JDK Vector API) and, if not, why — for the one-line notice
 * the command line prints at start. The {@code loupe} launcher adds {@code --add-modules jdk.incubator.vector}
 * when its JDK has the module; a JVM started another way, a JDK without the module or a CPU without vector
 * instructions of at least 128 bits runs plain loops, 2.5–3× slower (docs/performance.md).
 */
public final class VectorSupport {
    /** Narrower vectors than this are no faster than plain loops (the Vector API then emulates them). */
    static final int MIN_VECTOR_BITS = 128;

    private VectorSupport() {
    }

    /** The kernel the exact scan uses, e.g. {@code vector-api-256bit} or {@code scalar}. */
    /**
     * a·b in float with the exact scan's kernel (SIMD when available); not finite when an element is not. For the
     * per-vector checks of a scan, where the plain double loop of {@link dev.loupe.core.Vectors#dot} costs as much
     * as scoring.
     */
    public static float dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors differ in length: " + a.length + " vs " + b.length);
        }
        return DotKernel.best().dot(a, 0, b, 0, a.length);
    }

    public static String kernelName() {
        return DotKernel.best().name();
    }

    /** Why the scan runs without SIMD, or empty when it uses it. */
    public static Optional<String> unavailableReason() {
        if (!DotKernel.vectorApiAvailable()) {
            return Optional.of("this JVM runs without the module jdk.incubator.vector, which the loupe launcher adds "
                    + "with --add-modules jdk.incubator.vector");
        }
        if (DotKernel.best() instanceof ScalarDotKernel) {
            return Optional.of("the CPU offers no vector instructions of " + MIN_VECTOR_BITS + " bits or more to the "
                    + "JVM");
        }
        return Optional.empty();
    }

    /** The one-line notice for {@link #unavailableReason()}, or empty. */
    public static Optional<String> notice() {
        return unavailableReason().map(r -> "loupe: SIMD is off for vector scans, which run about 3x slower: " + r);
    }
}
