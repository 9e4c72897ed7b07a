package dev.loupe.lab.duplicates;

import dev.loupe.core.ImageRecord;
import dev.loupe.datasets.FashionMnist;
import dev.loupe.engine.Loupe;
import dev.loupe.engine.duplicates.DuplicateGroup;
import dev.loupe.engine.duplicates.DuplicateReport;
import dev.loupe.engine.duplicates.DuplicateRules;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The false-alarm side on distinct images: the first N Fashion-MNIST test images (each a different garment; a few
 * are known near-copies in the dataset) written as 28x28 PNGs, dark garment on white, indexed by the product and
 * searched for duplicates with the default rules. Writes a contact sheet of the groups to look at.
 */
final class FashionDuplicates {
    private FashionDuplicates() {
    }

    /** Runs it; the report is printed on {@code out}, the contact sheet written to {@code work/fashion-groups.png}. */
    static void run(Path data, int count, Path work, int threads, DuplicateRules rules, PrintWriter out,
                    dev.loupe.engine.duplicates.DuplicateProgress progress) {
        FashionMnist test = FashionMnist.read(data, false, count);
        Path folder = work.resolve("fashion");
        try {
            Files.createDirectories(folder);
            for (int i = 0; i < test.size(); i++) {
                Path f = folder.resolve(String.format(Locale.ROOT, "%05d-%d.png", i, test.labels()[i]));
                if (!Files.exists(f)) {
                    ImageIO.write(test.render(i, 28, 28, true), "png", f.toFile());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long t0 = System.nanoTime();
        DuplicateReport report;
        try (Loupe loupe = LabIndex.build(folder, work.resolve("fashion-index"), threads)) {
            double indexSeconds = (System.nanoTime() - t0) / 1e9;
            report = loupe.duplicates(List.of(), rules, progress);
            out.printf(Locale.ROOT, "%n## Fashion-MNIST, first %,d test images (indexed in %.0f s)%n%n", test.size(),
                    indexSeconds);
        }
        int sameClass = 0;
        for (DuplicateGroup g : report.groups()) {
            if (g.images().stream().map(FashionDuplicates::label).distinct().count() == 1) {
                sameClass++;
            }
        }
        out.printf(Locale.ROOT, "%d groups: %d exact, %d near-duplicate, %d similar; %d of them all one class; "
                        + "%d candidate pairs; duplicate search %.1f s%n%n", report.groups().size(),
                report.count(DuplicateGroup.Kind.EXACT), report.count(DuplicateGroup.Kind.NEAR),
                report.count(DuplicateGroup.Kind.SIMILAR), sameClass, report.candidatePairs(), report.seconds());
        int n = 0;
        for (DuplicateGroup g : report.groups()) {
            out.printf(Locale.ROOT, "- %d %s: %s%n", ++n, g.kind().word(), String.join(", ", g.images().stream()
                    .map(r -> Path.of(r.path()).getFileName().toString()).toList()) + "  "
                    + String.join("; ", g.others().stream().map(DuplicateGroup.Member::relation).toList()));
        }
        out.flush();
        sheet(report.groups(), work.resolve("fashion-groups.png"));
    }

    private static String label(ImageRecord r) {
        String name = Path.of(r.path()).getFileName().toString();
        return name.substring(name.indexOf('-') + 1, name.indexOf('.'));
    }

    /** One row per group (at most 60), its images scaled x3. */
    private static void sheet(List<DuplicateGroup> groups, Path file) {
        int rows = Math.min(60, groups.size());
        int cols = groups.stream().limit(rows).mapToInt(g -> g.images().size()).max().orElse(1);
        BufferedImage sheet = new BufferedImage(Math.max(1, cols * 90), Math.max(1, rows * 90),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = sheet.createGraphics();
        g2.setColor(java.awt.Color.GRAY);
        g2.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        try {
            for (int r = 0; r < rows; r++) {
                List<ImageRecord> images = groups.get(r).images();
                for (int c = 0; c < images.size() && c < cols; c++) {
                    g2.drawImage(ImageIO.read(Path.of(images.get(c).path()).toFile()), c * 90 + 3, r * 90 + 3, 84, 84,
                            null);
                }
            }
            ImageIO.write(sheet, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            g2.dispose();
        }
    }
}
