package dev.loupe.lab.duplicates;

import dev.loupe.engine.Loupe;
import dev.loupe.engine.duplicates.DuplicateProgress;
import dev.loupe.engine.duplicates.DuplicateRules;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole measurement behind {@code loupe-lab eval duplicates}: writes the labelled set, indexes it with the
 * product, prints what separates the labels, the rules the grid search chooses on the tune half, and the precision
 * and recall of the product's rules ({@code rules}, the defaults) per pair and end to end; then the Fashion-MNIST
 * group count. The report goes to stdout and to {@code work/report.md}.
 */
public record DuplicateLab(Path photos, Path fashionData, int fashion, double minPrecision, Path work, int threads,
                           DuplicateRules rules, boolean labelledSet) {
    public void run(PrintWriter stdout, PrintWriter log, String command) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        out.printf("# Duplicates: labelled set from %s%n%ncommand: `%s`%n%n", photos, command);
        if (labelledSet) {
            labelled(out, log);
        }
        out.flush();
        stdout.print(text);
        stdout.flush();
        int printed = text.getBuffer().length();
        if (fashion > 0) {
            log.printf(Locale.ROOT, "writing and indexing %,d Fashion-MNIST test images…%n", fashion);
            log.flush();
            out.printf("%nrules: %s%n", rules);
            FashionDuplicates.run(fashionData, fashion, work, threads, rules, out, DuplicateProgress.NONE);
        }
        out.flush();
        try {
            Files.createDirectories(work);
            Files.writeString(work.resolve(labelledSet ? "report.md" : "report-fashion.md"), text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stdout.print(text.getBuffer().substring(printed));
        stdout.flush();
    }

    private void labelled(PrintWriter out, PrintWriter log) {
        List<DuplicateSet.Item> items = DuplicateSet.write(photos, work.resolve("set"));
        log.printf(Locale.ROOT, "wrote %d images; indexing…%n", items.size());
        log.flush();
        try (Loupe loupe = LabIndex.build(work.resolve("set"), work.resolve("set-index"), threads)) {
            DuplicateEval eval = new DuplicateEval(loupe, items);
            out.printf("%d images (%d photos); pairs by label:%n%n", items.size(),
                    items.stream().map(DuplicateSet.Item::family).distinct().count());
            eval.quantiles().forEach((k, v) -> out.printf("- %s: %s%n", k, v));
            float similar = eval.similarCosine(0.001);
            DuplicateRules chosen = eval.choose(minPrecision, similar, rules.neighbours());
            out.printf(Locale.ROOT, "%nsimilar-shot cosine (0.1 %% of other-photo pairs above it): %.3f%n", similar);
            out.printf(Locale.ROOT, "chosen on the tune half (max recall at precision >= %.2f): %s%n", minPrecision,
                    chosen);
            out.printf("product defaults: %s%n%n", rules);
            out.println("| rules, pairs | precision | recall | TP | FP | FN |");
            out.println("|---|---|---|---|---|---|");
            out.println(eval.grouped(chosen, DuplicateEval.Pair::tune).row("chosen, grouped over all pairs, tune"));
            out.println(eval.grouped(chosen, DuplicateEval.Pair::test).row("chosen, grouped over all pairs, test"));
            out.println(eval.perPair(chosen, DuplicateEval.Pair::test).row("chosen, each pair alone, test"));
            out.println(eval.perPair(rules, p -> true).row("defaults, each pair alone, all"));
            out.println(eval.endToEnd(chosen, false, null, new PrintWriter(new StringWriter())).row(
                    "chosen, end to end, test"));
            Map<String, int[]> byVariant = new TreeMap<>();
            StringWriter falsePairs = new StringWriter();
            PrintWriter fp = new PrintWriter(falsePairs);
            out.println(eval.endToEnd(rules, true, null, fp).row("defaults, end to end, tune"));
            out.println(eval.endToEnd(rules, false, null, fp).row("defaults, end to end, test"));
            StringWriter allFalse = new StringWriter();
            out.println(eval.endToEnd(rules, null, byVariant, new PrintWriter(allFalse)).row(
                    "defaults, end to end, all"));
            out.printf("%nend to end, all: (original, variant) pairs found / missed per variant:%n%n");
            byVariant.forEach((v, c) -> out.printf("- %s: %d / %d%n", v, c[0], c[1]));
            out.printf("%nfalse pairs end to end (all):%n%s%n", allFalse.toString().isEmpty() ? "  none\n" : allFalse);
            out.printf("hardest pairs (label, cosine, pixels):%n%n");
            eval.hardest(12).forEach(s -> out.println("    " + s));
        }
    }
}
