package dev.loupe.learn.nn;

import ai.djl.ndarray.NDArray;
import java.util.HashMap;
import java.util.Map;

/**
 * Adam (Kingma and Ba) over a {@link Params} set, updating in place. Its moment buffers are created once, outside
 * any per-step {@link ai.djl.ndarray.NDScope}, so the step's temporaries can be freed wholesale.
 */
public final class Adam {
    private final Params params;
    private final float beta1 = 0.9f;
    private final float beta2 = 0.999f;
    private final float eps = 1e-8f;
    private final Map<String, NDArray> m = new HashMap<>();
    private final Map<String, NDArray> v = new HashMap<>();
    private int t;

    public Adam(Params params) {
        this.params = params;
        params.all().forEach((name, a) -> {
            NDArray zm = params.manager().zeros(a.getShape());
            NDArray zv = params.manager().zeros(a.getShape());
            m.put(name, zm);
            v.put(name, zv);
        });
    }

    /**
     * Applies one update with learning rate {@code lr} from the gradients the last backward pass left, then zeroes
     * them. Call inside an NDScope: it allocates temporaries.
     */
    public void step(float lr) {
        t++;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        float stepSize = (float) (lr * Math.sqrt(c2) / c1);
        params.all().forEach((name, w) -> {
            NDArray g = w.getGradient();
            NDArray mm = m.get(name);
            NDArray vv = v.get(name);
            mm.muli(beta1).addi(g.mul(1 - beta1));
            vv.muli(beta2).addi(g.square().muli(1 - beta2));
            w.subi(mm.div(vv.sqrt().addi(eps)).muli(stepSize));
            g.subi(g);
        });
    }
}
