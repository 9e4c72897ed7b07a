package dev.loupe.learn.train;

import dev.loupe.core.compose.Composers;

/**
 * Hyper-parameters of one composer training run.
 *
 * @param method   composer method ({@link Composers})
 * @param steps    optimizer steps
 * @param batch    queries per step
 * @param lr       Adam learning rate
 * @param embedDim image embedding size (the space composed queries live in)
 * @param textDim  LSTM hidden size
 * @param hidden   composer MLP width
 * @param cnnWidth channels of the CNN's first layer
 * @param seed     seeds the initial weights and batch order
 */
public record ComposeConfig(String method, int steps, int batch, float lr, int embedDim, int textDim, int hidden,
                            int cnnWidth, long seed) {
    public ComposeConfig {
        if (!Composers.METHODS.contains(method) || method.equals(Composers.PROJECTION)) {
            throw new IllegalArgumentException("--method must be one of " + Composers.METHODS.subList(0, 6) + ", got "
                    + method);
        }
        if (steps <= 0 || batch < 2 || lr <= 0 || embedDim <= 0 || textDim <= 0 || hidden <= 0 || cnnWidth <= 0) {
            throw new IllegalArgumentException("steps, lr and sizes must be positive and batch at least 2");
        }
    }

    public ComposeConfig withMethod(String m) {
        return new ComposeConfig(m, steps, batch, lr, embedDim, textDim, hidden, cnnWidth, seed);
    }

    public ComposeConfig withSeed(long s) {
        return new ComposeConfig(method, steps, batch, lr, embedDim, textDim, hidden, cnnWidth, s);
    }
}
