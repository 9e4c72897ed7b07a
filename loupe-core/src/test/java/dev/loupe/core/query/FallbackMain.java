package dev.loupe.core.query;

import java.util.List;

/** Run by {@link VectorApiFallbackTest} in a JVM without {@code jdk.incubator.vector}: scans and prints the result. */
final class FallbackMain {
    private FallbackMain() {
    }

    public static void main(String[] args) {
        VectorMatrix m = VectorMatrix.of(
                List.of(new float[] {1, 0, 0}, new float[] {0, 1, 0}, new float[] {0.6f, 0.8f, 0}));
        ExactScanner scanner = new ExactScanner(m);
        List<ScoredOrdinal> top = scanner.topK(ResolvedQuery.diff(new float[] {1, 0, 0}, new float[] {0, 1, 0}), 1);
        System.out.println(scanner.kernelName() + " " + top.get(0).ordinal());
        System.out.println(VectorSupport.notice().orElse("no notice"));
    }
}
