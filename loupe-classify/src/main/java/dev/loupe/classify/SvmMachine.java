package dev.loupe.classify;

import smile.base.svm.KernelMachine;
import smile.math.kernel.GaussianKernel;

/**
 * One trained binary SVM of a one-vs-rest {@link SvmClassifier}: its decision value for a feature vector.
 * Training is Smile's ({@code smile.base.svm.LASVM}); these records only hold the result in a form that can be
 * saved without Java serialization.
 */
public sealed interface SvmMachine permits SvmMachine.Linear, SvmMachine.Rbf {
    double score(double[] x);

    /** A linear machine {@code w·x + b}. */
    record Linear(double[] w, double b) implements SvmMachine {
        /** Collapses a linear-kernel machine's support vectors into one weight vector. */
        public static Linear of(KernelMachine<double[]> machine) {
            double[][] sv = machine.instances();
            double[] alpha = machine.weights();
            double[] w = new double[sv.length == 0 ? 0 : sv[0].length];
            for (int i = 0; i < sv.length; i++) {
                for (int j = 0; j < w.length; j++) {
                    w[j] += alpha[i] * sv[i][j];
                }
            }
            return new Linear(w, machine.intercept());
        }

        @Override
        public double score(double[] x) {
            if (w.length == 0) {
                return b;
            }
            double s = b;
            for (int j = 0; j < w.length; j++) {
                s += w[j] * x[j];
            }
            return s;
        }
    }

    /** A Gaussian-kernel machine {@code b + Σ αᵢ·exp(−|x−vᵢ|²/2σ²)} evaluated by Smile. */
    record Rbf(double sigma, double[][] vectors, double[] alpha, double b, KernelMachine<double[]> machine)
            implements SvmMachine {
        public Rbf(double sigma, double[][] vectors, double[] alpha, double b) {
            this(sigma, vectors, alpha, b, new KernelMachine<>(new GaussianKernel(sigma), vectors, alpha, b));
        }

        public static Rbf of(double sigma, KernelMachine<double[]> machine) {
            return new Rbf(sigma, machine.instances(), machine.weights(), machine.intercept(), machine);
        }

        @Override
        public double score(double[] x) {
            return machine.score(x);
        }
    }
}
