package dev.loupe.learn.train;

/** Receives training progress (e.g. to drive a progress bar). */
@FunctionalInterface
public interface Progress {
    Progress NONE = (step, total, loss) -> { };

    /** Called after each optimizer step with the step's loss. */
    void step(int step, int total, float loss);
}
