package dev.loupe.classify;

import smile.classification.PlattScaling;

/**
 * A Platt sigmoid {@code P(label | f) = 1 / (1 + exp(alpha·f + beta))} over an SVM decision value f, fitted by
 * Smile's {@link PlattScaling#fit(double[], int[])}. Smile keeps the two parameters private, so {@link #of} reads
 * them back from the fitted sigmoid's values at f = 0 and f = 1 (the logit is linear in f).
 */
public record Platt(double alpha, double beta, PlattScaling scaling) {
    public Platt(double alpha, double beta) {
        this(alpha, beta, new PlattScaling(alpha, beta));
    }

    /** Fits the sigmoid to decision values and their ±1 targets. */
    public static Platt fit(double[] scores, int[] plusMinusOne) {
        return of(PlattScaling.fit(scores, plusMinusOne));
    }

    static Platt of(PlattScaling fitted) {
        double beta = logit(fitted.scale(0));
        double alpha = logit(fitted.scale(1)) - beta;
        return new Platt(alpha, beta, fitted);
    }

    /** {@code ln(1/p − 1)}, i.e. {@code alpha·f + beta} for the p at f. */
    private static double logit(double p) {
        double q = Math.min(Math.max(p, 1e-15), 1 - 1e-15);
        return Math.log((1 - q) / q);
    }

    public double scale(double decisionValue) {
        return scaling.scale(decisionValue);
    }
}
