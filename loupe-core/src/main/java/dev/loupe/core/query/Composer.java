package dev.loupe.core.query;

import java.util.List;

/**
 * Combines a query's BASE terms (e.g. an image and a text describing a change to it) into the one base vector the
 * measures start from. The untrained default, {@link #weightedSum()}, is Σ w(t)·u(t) over the normalised terms; a
 * composer trained by the learning module can replace it.
 */
@FunctionalInterface
public interface Composer {

    /**
     * @param terms the BASE terms, in query order
     * @param units their resolved vectors, unit length, same order and dimension
     * @return the base vector, not necessarily unit length, of the same dimension
     */
    float[] compose(List<Term> terms, List<float[]> units);

    /** Σ w(t)·u(t): the weighted sum of the normalised base terms. */
    static Composer weightedSum() {
        return (terms, units) -> {
            float[] sum = new float[units.get(0).length];
            for (int i = 0; i < terms.size(); i++) {
                float w = terms.get(i).weight();
                float[] u = units.get(i);
                for (int j = 0; j < sum.length; j++) {
                    sum[j] += w * u[j];
                }
            }
            return sum;
        };
    }
}
