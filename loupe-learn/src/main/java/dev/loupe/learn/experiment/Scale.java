package dev.loupe.learn.experiment;

import java.util.Locale;

/**
 * Size presets: {@code tiny} for CI (seconds per run), {@code small} for development, {@code full} for the
 * recorded results (each experiment under an hour on two cores). Every number can be overridden on the command
 * line.
 */
public enum Scale {
    TINY(200, 60, 3, 150, 40, 150, 3000, 1000, 150, 150),
    SMALL(1000, 300, 3, 600, 200, 600, 12000, 2000, 500, 300),
    FULL(4000, 1000, 4, 2500, 500, 2000, 60000, 10000, 2000, 1000);

    /** CSS-like training scenes, test scenes, queries per scene. */
    public final int cssTrain;
    public final int cssTest;
    public final int cssQueries;
    /** Coloured Fashion-MNIST training and test items (each in 8 colours). */
    public final int fashionTrain;
    public final int fashionTest;
    /** Optimizer steps of composer and VSE runs. */
    public final int steps;
    /** DeViSE: training items read, test items read, classifier steps, projection steps. */
    public final int deviseTrain;
    public final int deviseTest;
    public final int deviseClassifierSteps;
    public final int deviseProjectionSteps;

    Scale(int cssTrain, int cssTest, int cssQueries, int fashionTrain, int fashionTest, int steps, int deviseTrain,
          int deviseTest, int deviseClassifierSteps, int deviseProjectionSteps) {
        this.cssTrain = cssTrain;
        this.cssTest = cssTest;
        this.cssQueries = cssQueries;
        this.fashionTrain = fashionTrain;
        this.fashionTest = fashionTest;
        this.steps = steps;
        this.deviseTrain = deviseTrain;
        this.deviseTest = deviseTest;
        this.deviseClassifierSteps = deviseClassifierSteps;
        this.deviseProjectionSteps = deviseProjectionSteps;
    }

    public static Scale parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--scale must be tiny, small or full, got " + s, e);
        }
    }
}
