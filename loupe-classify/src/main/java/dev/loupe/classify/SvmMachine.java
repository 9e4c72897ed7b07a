package dev.loupe.classify;

import smile.base.svm.KernelMachine;

/**
 * One trained binary SVM of a one-vs-rest {@link SvmClassifier}: its decision value for a feature vector.
 * Training is Smile's ({@code smile.base.svm.LASVM}); these records only hold the result in a form that can be
 * saved without Java serialization.
 */
public sealed interface SvmMachine permits SvmMachine.Linear, SvmMachine.Rbf {
    double score(float[] x);

    /** The decision values of many vectors (the RBF machine evaluates them in cache-friendly blocks). */
    default double[] scoreAll(float[][] xs) {
        double[] out = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            out[i] = score(xs[i]);
        }
        return out;
    }

    /** A linear machine {@code w·x + b}. */
    record Linear(double[] w, double b) implements SvmMachine {
        /** Collapses a linear-kernel machine's support vectors into one weight vector. */
        public static Linear of(KernelMachine<float[]> machine, int dimension) {
            float[][] sv = machine.instances();
            double[] alpha = machine.weights();
            double[] w = new double[dimension];
            for (int i = 0; i < sv.length; i++) {
                for (int j = 0; j < w.length; j++) {
                    w[j] += alpha[i] * sv[i][j];
                }
            }
            return new Linear(w, machine.intercept());
        }

        @Override
        public double score(float[] x) {
            double s = b;
            for (int j = 0; j < w.length; j++) {
                s += w[j] * x[j];
            }
            return s;
        }
    }

    /** A Gaussian-kernel machine {@code b + Σ αᵢ·exp(−|x−vᵢ|²/2σ²)} evaluated by Smile. */
    record Rbf(double sigma, float[][] vectors, double[] alpha, double b, KernelMachine<float[]> machine)
            implements SvmMachine {
        public Rbf(double sigma, float[][] vectors, double[] alpha, double b) {
            this(sigma, vectors, alpha, b, new KernelMachine<>(new FloatKernels.Gaussian(sigma), vectors, alpha, b));
        }

        public static Rbf of(double sigma, KernelMachine<float[]> machine) {
            return new Rbf(sigma, machine.instances(), machine.weights(), machine.intercept(), machine);
        }

        @Override
        public double score(float[] x) {
            return machine.score(x);
        }

        /** Same sum as Smile's {@code KernelMachine.score}, with each support vector read once per block. */
        @Override
        public double[] scoreAll(float[][] xs) {
            double[] out = new double[xs.length];
            java.util.Arrays.fill(out, b);
            double scale = -0.5 / (sigma * sigma);
            int block = 32;
            for (int from = 0; from < xs.length; from += block) {
                int to = Math.min(xs.length, from + block);
                for (int v = 0; v < vectors.length; v++) {
                    float[] sv = vectors[v];
                    for (int i = from; i < to; i++) {
                        out[i] += alpha[v] * Math.exp(scale * org.apache.lucene.util.VectorUtil.squareDistance(xs[i], sv));
                    }
                }
            }
            return out;
        }
    }
}
