package dev.loupe.learn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.loupe.core.compose.Composer;
import dev.loupe.core.compose.ComposerFile;
import dev.loupe.core.compose.ComposerMetadata;
import dev.loupe.core.compose.Composers;
import dev.loupe.learn.train.Torch;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pure-Java composers of loupe-core compute what the DJL heads compute, on the same weights. */
class ComposerParityTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"image_only", "text_only", "concat", "tirg", "film", "relation"})
    void javaForwardEqualsDjlForward(String method) {
        int d = 12;
        int t = 7;
        int grid = 2;
        int channels = 3;
        try (NDManager m = Torch.newManager(3)) {
            Params p = new Params(m, 42);
            ComposerNet net = ComposerNet.create(p, method, d, t, 9, grid, channels);
            if (method.equals(Composers.TIRG)) { // move the scalars off their initial values
                p.get("w_g").set(new float[] {0.7f});
                p.get("w_r").set(new float[] {1.3f});
            }
            int in = net.imageInputDim();
            Random r = new Random(5);
            int batch = 4;
            float[] img = gaussian(r, batch * in);
            float[] txt = gaussian(r, batch * t);
            NDArray out = net.forward(m.create(img, new Shape(batch, in)), m.create(txt, new Shape(batch, t)));
            float[] djl = out.toFloatArray();
            ComposerMetadata md = new ComposerMetadata(method, "unit", "learn_unit", in, t, d, "cnn", "lstm", Map.of(),
                    net.properties());
            Path f = dir.resolve(method + ".lcmp");
            new ComposerFile(md, p.export("")).save(f);
            Composer plain = ComposerFile.load(f).composer();
            for (int b = 0; b < batch; b++) {
                float[] x = java.util.Arrays.copyOfRange(img, b * in, (b + 1) * in);
                float[] y = java.util.Arrays.copyOfRange(txt, b * t, (b + 1) * t);
                float[] z = plain.compose(x, y);
                assertEquals(d, z.length);
                for (int i = 0; i < d; i++) {
                    assertEquals(djl[b * d + i], z[i], 1e-4 * (1 + Math.abs(z[i])), method + " row " + b + " dim " + i);
                }
            }
        }
    }

    static float[] gaussian(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
