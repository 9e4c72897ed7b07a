package dev.loupe.learn.nn;

import ai.djl.ndarray.NDArray;

/** The training objectives. */
public final class Losses {
    private Losses() {
    }

    /**
     * TIRG's batch softmax ("batch classification"): each composed query must pick its own target among the batch's
     * targets; cross-entropy over {@code scale * cos(query_i, target_j)}.
     */
    public static NDArray batchSoftmax(NDArray queries, NDArray targets, NDArray scale) {
        NDArray logits = Nn.l2normalize(queries).matMul(Nn.l2normalize(targets).transpose()).mul(scale);
        long n = logits.getShape().get(0);
        NDArray eye = logits.getManager().eye((int) n);
        return logits.logSoftmax(1).mul(eye).sum(new int[] {1}).neg().mean();
    }

    /**
     * Pairwise hinge ranking loss of visual-semantic embeddings (Kiros et al.; eq. 1 of the analogy paper): for
     * each matching pair (a_i, b_i) and every contrastive b_j and a_j, {@code max(0, margin - s_ii + s_ij)} and
     * {@code max(0, margin - s_ii + s_ji)} with cosine scores, summed over contrastives and averaged over pairs.
     */
    public static NDArray hinge(NDArray a, NDArray b, float margin) {
        NDArray s = Nn.l2normalize(a).matMul(Nn.l2normalize(b).transpose());
        long n = s.getShape().get(0);
        NDArray eye = s.getManager().eye((int) n);
        NDArray diag = s.mul(eye).sum(new int[] {1}, true); // [n,1]
        NDArray offMask = eye.neg().add(1f);
        NDArray costB = Nn.relu(s.sub(diag).add(margin)).mul(offMask);
        NDArray costA = Nn.relu(s.sub(diag.transpose()).add(margin)).mul(offMask);
        return costB.sum().add(costA.sum()).div(n);
    }

    /** DeViSE's cosine loss: {@code 1 - cos(projected_i, label vector_i)}, averaged. */
    public static NDArray cosine(NDArray projected, NDArray labelVectors) {
        return Nn.l2normalize(projected).mul(Nn.l2normalize(labelVectors)).sum(new int[] {1}).neg().add(1f).mean();
    }
}
