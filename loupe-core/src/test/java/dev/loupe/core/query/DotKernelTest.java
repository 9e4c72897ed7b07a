package dev.loupe.core.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DotKernelTest {

    @Test
    void theBuildRunsTestsWithTheVectorApi() {
        assertTrue(DotKernel.vectorApiAvailable(), "surefire's argLine should add jdk.incubator.vector");
        assertInstanceOf(SimdDotKernel.class, DotKernel.best());
        assertTrue(VectorSupport.notice().isEmpty(), "no notice when SIMD is on");
        assertTrue(VectorSupport.kernelName().startsWith("vector-api-"), VectorSupport.kernelName());
    }

    @Test
    void bothKernelsAgreeWithADoubleReferenceForAllLengthsAndOffsets() {
        Random rnd = new Random(5);
        for (DotKernel kernel : List.of(new ScalarDotKernel(), new SimdDotKernel())) {
            for (int len = 0; len <= 70; len++) {
                for (int off : new int[] {0, 1, 13}) {
                    float[] x = random(rnd, off + len + 3);
                    float[] p = random(rnd, len);
                    float[] s = random(rnd, len);
                    double refP = 0;
                    double refS = 0;
                    for (int i = 0; i < len; i++) {
                        refP += (double) x[off + i] * p[i];
                        refS += (double) x[off + i] * s[i];
                    }
                    String what = kernel.name() + " len=" + len + " off=" + off;
                    assertEquals(refP, kernel.dot(x, off, p, 0, len), 1e-4, what);
                    assertEquals(refS, kernel.dot(s, 0, x, off, len), 1e-4, what);
                    float[] out = new float[2];
                    kernel.dot2(x, off, p, s, len, out);
                    assertEquals(refP, out[0], 1e-4, what);
                    assertEquals(refS, out[1], 1e-4, what);
                }
            }
        }
    }

    private static float[] random(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextFloat() * 2 - 1;
        }
        return v;
    }
}
