package dev.loupe.learn.train;

import java.util.ArrayList;
import java.util.List;

/** Per-step training losses, with summaries that tests and reports use to show that learning happened. */
public final class LossCurve {
    private final List<Float> losses = new ArrayList<>();

    public void add(float loss) {
        if (!Float.isFinite(loss)) {
            throw new IllegalStateException("training diverged: loss " + loss + " at step " + (losses.size() + 1)
                    + "; lower --lr");
        }
        losses.add(loss);
    }

    public List<Float> values() {
        return List.copyOf(losses);
    }

    /** Mean loss of the first {@code fraction} of steps. */
    public double head(double fraction) {
        int n = Math.max(1, (int) (losses.size() * fraction));
        return losses.subList(0, n).stream().mapToDouble(Float::doubleValue).average().orElse(Double.NaN);
    }

    /** Mean loss of the last {@code fraction} of steps. */
    public double tail(double fraction) {
        int n = Math.max(1, (int) (losses.size() * fraction));
        return losses.subList(losses.size() - n, losses.size()).stream().mapToDouble(Float::doubleValue).average()
                .orElse(Double.NaN);
    }
}
