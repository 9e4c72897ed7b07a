package dev.loupe.classify;

import smile.base.svm.KernelMachine;

/**
 * One trained binary SVM of a one-vs-rest {@link SvmClassifier}: its decision value for a feature vector.
 * Training is Smile's ({@code smile.base.svm.LASVM}); these records only hold the result in a form that can be
 * saved without Java serialization.
 */
public sealed interface SvmMachine permits SvmMachine.Linear, SvmMachine.Rbf {
    double score(float[] x);

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
    }
}
