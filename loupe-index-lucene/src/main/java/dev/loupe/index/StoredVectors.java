package dev.loupe.index;

import dev.loupe.core.ImageRecord;
import dev.loupe.core.query.VectorSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Guards queries against stored vectors that are not what the model wrote (overwritten or random bytes in a vector
 * file: Lucene verifies checksums only in {@code loupe check}, not on every read). Every stored vector is a unit
 * vector of finite numbers; one that is not is left out of the results, with one warning per image that names it
 * and the command that repairs the index, so a query never ranks a NaN or infinite score.
 */
final class StoredVectors {
    private static final Logger LOG = LoggerFactory.getLogger(StoredVectors.class);
    /** How far a stored vector's squared length may be from 1 (float rounding and int7 quantisation stay far below). */
    static final double UNIT_TOLERANCE = 0.02;

    private final Path dir;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    StoredVectors(Path dir) {
        this.dir = dir;
    }

    /** True for a unit vector of finite numbers. */
    static boolean sound(float[] v) {
        double n = 0;
        for (float x : v) {
            n += (double) x * x;
        }
        return Double.isFinite(n) && Math.abs(n - 1) <= UNIT_TOLERANCE;
    }

    /** What is wrong with {@code v}, or null when it is sound. */
    static String problem(float[] v) {
        // every scan checks every vector: first the SIMD dot product, whose result is not finite when any element
        // is not (or is too large to be a unit vector's); the element-wise look below is for the message only
        float quick = VectorSupport.dot(v, v);
        if (Float.isFinite(quick) && Math.abs(quick - 1) <= UNIT_TOLERANCE / 2) {
            return null;
        }
        double n = 0;
        for (float x : v) {
            if (!Float.isFinite(x)) {
                return "it holds " + x;
            }
            n += (double) x * x;
        }
        return Math.abs(n - 1) <= UNIT_TOLERANCE ? null
                : String.format(java.util.Locale.ROOT, "its length is %.4g instead of 1", Math.sqrt(n));
    }

    /** Warns (once per image) that {@code image}'s vector in {@code space} is left out. */
    void leftOut(ImageRecord image, String space, String why) {
        if (warned.add(image.id() + "/" + space)) {
            LOG.warn("image {} [{}] has a damaged stored vector in space '{}' ({}); it is left out of the results — "
                    + "run '{}'", image.path(), image.id(), space, why, IndexDamagedException.repairCommand(dir));
        }
    }
}
