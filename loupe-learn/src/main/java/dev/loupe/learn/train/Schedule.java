package dev.loupe.learn.train;

/** Learning-rate schedule: constant, then a tenth of it for the last quarter of the steps. */
public final class Schedule {
    private Schedule() {
    }

    public static float lr(float base, int step, int steps) {
        return step > steps * 3 / 4 ? base * 0.1f : base;
    }
}
