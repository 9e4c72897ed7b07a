package dev.loupe.classify;

import org.apache.lucene.util.VectorUtil;
import smile.math.kernel.MercerKernel;

/**
 * Smile kernels over float vectors, computed with Lucene's SIMD vector utilities, so Smile's SVM solver trains on
 * the features as they are (float) and several times faster than with its double-array kernels. Only the kernel
 * value is used by the SVM; the hyperparameter methods exist for Smile's interface.
 */
final class FloatKernels {
    private FloatKernels() {
    }

    /** {@code k(x, y) = x·y}. */
    record Linear() implements MercerKernel<float[]> {
        @Override
        public double k(float[] x, float[] y) {
            return VectorUtil.dotProduct(x, y);
        }

        @Override
        public double[] kg(float[] x, float[] y) {
            return new double[] {k(x, y)};
        }

        @Override
        public MercerKernel<float[]> of(double[] params) {
            return this;
        }

        @Override
        public double[] hyperparameters() {
            return new double[0];
        }

        @Override
        public double[] lo() {
            return new double[0];
        }

        @Override
        public double[] hi() {
            return new double[0];
        }
    }

    /** {@code k(x, y) = exp(−|x−y|² / 2σ²)}, the same Gaussian kernel as Smile's {@code GaussianKernel}. */
    record Gaussian(double sigma) implements MercerKernel<float[]> {
        Gaussian {
            if (!(sigma > 0)) {
                throw new IllegalArgumentException("RBF kernel width must be positive, got " + sigma);
            }
        }

        @Override
        public double k(float[] x, float[] y) {
            return Math.exp(-0.5 * VectorUtil.squareDistance(x, y) / (sigma * sigma));
        }

        @Override
        public double[] kg(float[] x, float[] y) {
            double d = VectorUtil.squareDistance(x, y);
            double k = Math.exp(-0.5 * d / (sigma * sigma));
            return new double[] {k, k * d / (sigma * sigma * sigma)};
        }

        @Override
        public MercerKernel<float[]> of(double[] params) {
            return new Gaussian(params[0]);
        }

        @Override
        public double[] hyperparameters() {
            return new double[] {sigma};
        }

        @Override
        public double[] lo() {
            return new double[] {1e-5};
        }

        @Override
        public double[] hi() {
            return new double[] {1e5};
        }
    }
}
