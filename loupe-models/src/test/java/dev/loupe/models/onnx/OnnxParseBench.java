package dev.loupe.models.onnx;

import java.nio.file.Files;
import java.util.List;

/**
 * What reading and editing ONNX files costs: {@link OnnxGraph#parse} and {@link OnnxGraphEdit#exposePooled} on the
 * builtin classifier (3.6 MB), and {@code OnnxGraph.parse} on a synthetic 300 MB model (one large float initializer
 * and 200 small ones, about the size of a CLIP image tower), with the heap in use after parsing. Not a test: run with
 * {@code java -cp <test classpath> -Dloupe.shared=../shared dev.loupe.models.onnx.OnnxParseBench}.
 */
public final class OnnxParseBench {
    private OnnxParseBench() {
    }

    public static void main(String[] args) throws Exception {
        byte[] mobilenet = Files.readAllBytes(SharedData.model("mobilenetv2-12-int8.onnx"));
        time("parse mobilenetv2-12-int8 (3.6 MB)", 30, () -> OnnxGraph.parse(mobilenet, "m").nodes().size());
        time("exposePooled on mobilenetv2-12-int8", 30,
                () -> OnnxGraphEdit.exposePooled(mobilenet, "627", "pooled").length);
        OnnxModelBuilder b = new OnnxModelBuilder("big").opset("", 13)
                .input("x", ElementType.FLOAT, Dim.named("N"), Dim.of(1024));
        b.floatInitializer("w", new long[]{1024, 73_728}, new float[1024 * 73_728]);
        String last = "x";
        for (int i = 0; i < 200; i++) {
            b.floatInitializer("b" + i, new long[]{1024}, new float[1024]);
            b.node("Add", List.of(last, "b" + i), List.of("a" + i));
            last = "a" + i;
        }
        byte[] big = b.node("MatMul", List.of(last, "w"), List.of("y"))
                .output("y", ElementType.FLOAT, Dim.named("N"), Dim.of(73_728)).build();
        time("parse a synthetic " + big.length / 1_000_000 + " MB model", 3, () -> OnnxGraph.parse(big, "big")
                .nodes().size());
        System.gc();
        long before = used();
        OnnxGraph kept = OnnxGraph.parse(big, "big");
        System.gc();
        System.out.printf("heap held by the parsed %d MB model: %d MB%n", big.length / 1_000_000,
                (used() - before) / 1_000_000);
        System.out.println(kept.nodes().size());
    }

    private static long used() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static void time(String what, int runs, java.util.function.IntSupplier work) {
        for (int i = 0; i < Math.min(5, runs); i++) {
            work.getAsInt();
        }
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            work.getAsInt();
        }
        System.out.printf("%-45s %8.2f ms%n", what, (System.nanoTime() - start) / 1e6 / runs);
    }
}
