package dev.loupe.classify;

import java.util.List;

/**
 * One-vs-rest SVM (Smile's LASVM solver, linear or Gaussian kernel): one binary machine per label, its decision
 * value turned into a probability by Platt scaling (a sigmoid fitted to held-out decision values), the
 * probabilities normalized to sum to 1. Built by {@link ClassifierTrainer}.
 */
public final class SvmClassifier implements Classifier {
    private final List<SvmMachine> machines;
    private final List<Platt> platts;
    private final List<String> labels;

    public SvmClassifier(List<SvmMachine> machines, List<Platt> platts, List<String> labels) {
        if (machines.size() != labels.size() || platts.size() != labels.size()) {
            throw new IllegalArgumentException(machines.size() + " machines and " + platts.size()
                    + " Platt scalings for " + labels.size() + " labels");
        }
        this.machines = List.copyOf(machines);
        this.platts = List.copyOf(platts);
        this.labels = List.copyOf(labels);
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public float[] scores(float[] feature) {
        float[] x = feature;
        double[] p = new double[labels.size()];
        double sum = 0;
        for (int l = 0; l < p.length; l++) {
            p[l] = platts.get(l).scale(machines.get(l).score(x));
            sum += p[l];
        }
        float[] out = new float[p.length];
        for (int l = 0; l < p.length; l++) {
            out[l] = sum > 0 ? (float) Math.min(1.0, p[l] / sum) : 1f / p.length;
        }
        return out;
    }

    @Override
    public float[][] scoresAll(float[][] features) {
        double[][] decisions = new double[machines.size()][];
        for (int l = 0; l < machines.size(); l++) {
            decisions[l] = machines.get(l).scoreAll(features);
        }
        float[][] out = new float[features.length][machines.size()];
        for (int i = 0; i < features.length; i++) {
            double sum = 0;
            double[] p = new double[machines.size()];
            for (int l = 0; l < p.length; l++) {
                p[l] = platts.get(l).scale(decisions[l][i]);
                sum += p[l];
            }
            for (int l = 0; l < p.length; l++) {
                out[i][l] = sum > 0 ? (float) Math.min(1.0, p[l] / sum) : 1f / p.length;
            }
        }
        return out;
    }

    static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    List<SvmMachine> machines() {
        return machines;
    }

    List<Platt> platts() {
        return platts;
    }
}
