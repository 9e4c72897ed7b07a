package dev.loupe.cli;

import dev.loupe.engine.IndexReport;
import dev.loupe.engine.IndexerOptions;
import dev.loupe.engine.Loupe;
import dev.loupe.engine.OptionRanges;
import dev.loupe.engine.SessionOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print a table.",
        subcommands = {BenchCommand.Index.class, BenchJpegsCommand.class, BenchWatchCommand.class})
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "index", mixinStandardHelpOptions = true, description = "Index DIR into a fresh temporary index and print images/s, "
            + "ms per image for read, decode, encode and index, and peak heap.")
    static final class Index implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(names = "--batch", paramLabel = "N", description = "Images per model call (default: ${DEFAULT-VALUE}).")
        int batch = IndexerOptions.defaults().batchSize();

        @Mixin
        OcrFlags ocr;

        @Parameters(paramLabel = "DIR", description = "A folder of images.")
        Path dir;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            OptionRanges.between("--batch", batch, 1, 1024);
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("no such folder: " + dir);
            }
            Path tmp = Files.createTempDirectory("loupe-bench-index");
            IndexReport r;
            try (Loupe loupe = Loupe.open(common.session(SessionOptions.Access.REBUILD).withIndexDir(tmp));
                 ProgressBars.IndexBar bar = ProgressBars.index(!common.json)) {
                IndexerOptions d = IndexerOptions.defaults();
                r = loupe.indexer(new IndexerOptions(common.flags.threads(), batch, Integer.MAX_VALUE, d.commitAfter(),
                        ocr.options())).run(List.of(dir), bar);
            } finally {
                delete(tmp);
            }
            print(spec.commandLine().getOut(), r);
            return 0;
        }

        private void print(PrintWriter out, IndexReport r) {
            IndexReport.StageTimings t = r.timings();
            int n = Math.max(1, t.images());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("images", t.images());
            row.put("skipped", r.skipped().size());
            row.put("threads", common.flags.threads());
            row.put("batch", batch);
            row.put("wallSeconds", round(t.wallSeconds()));
            row.put("imagesPerSecond", round(t.imagesPerSecond()));
            row.put("readMsPerImage", round(t.readMs() / n));
            row.put("decodeMsPerImage", round(t.decodeMs() / n));
            row.put("encodeMsPerImage", round(t.encodeMs() / n));
            row.put("indexMsPerImage", round(t.indexMs() / n));
            row.put("peakHeapMb", t.peakHeapMb());
            IndexReport.OcrReport o = r.ocr();
            row.put("ocr", o.ran() ? "on" : "off" + (o.note().isEmpty() ? "" : " (" + o.note() + ")"));
            if (o.ran()) {
                int looked = o.read() + o.noText() + o.failed();
                row.put("ocrSeconds", round(o.seconds()));
                row.put("ocrImagesRead", o.read());
                row.put("ocrImagesSkippedNoText", o.noText());
                row.put("ocrMsPerImage", round(o.seconds() * 1000 / Math.max(1, looked)));
                row.put("imagesPerSecondWithOcr", round(t.images() / (t.wallSeconds() + o.seconds())));
            }
            if (common.json) {
                Output.json(out, row);
                return;
            }
            out.println("| measure | value |");
            out.println("|---|---|");
            row.forEach((k, v) -> out.printf("| %s | %s |%n", k, v));
            out.println("(read/decode ms are CPU-side time summed over the decode threads; encode/index ms are on the "
                    + "indexing thread, which overlaps with decoding)");
            out.flush();
        }

        private static double round(double v) {
            return Math.round(v * 100) / 100.0;
        }

        /** Deletes a temporary folder and everything in it. */
        static void delete(Path dir) {
            try (var s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
