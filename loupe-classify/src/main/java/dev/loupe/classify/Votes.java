package dev.loupe.classify;

/** Turns neighbour votes into per-label confidences: the vote share, with a tiny tie-breaker. */
final class Votes {
    private Votes() {
    }

    /**
     * @param votes  votes per label
     * @param simSum summed similarity of each label's voters, used only to break ties
     * @param k      number of voters
     */
    static float[] shares(int[] votes, double[] simSum, int k) {
        float[] s = new float[votes.length];
        int top = 0;
        for (int l = 1; l < votes.length; l++) {
            if (votes[l] > votes[top] || (votes[l] == votes[top] && simSum[l] > simSum[top])) {
                top = l;
            }
        }
        for (int l = 0; l < votes.length; l++) {
            s[l] = (float) votes[l] / k;
        }
        // on a tie, lower the other tied labels by one ulp so that argmax picks the winner
        for (int l = 0; l < votes.length; l++) {
            if (l != top && votes[l] == votes[top]) {
                s[l] = Math.nextDown(s[l]);
            }
        }
        return s;
    }
}
