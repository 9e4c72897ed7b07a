package dev.loupe.cli;

import dev.loupe.engine.OptionRanges;
import dev.loupe.models.image.ImageFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** Makes a benchmark corpus: N distinct JPEGs of a given size, made from real photos (flipped and shifted). */
@Command(name = "jpegs", mixinStandardHelpOptions = true, description = "Write COUNT JPEGs of about MP megapixels into OUT, made from the photos in --from.")
final class BenchJpegsCommand implements Callable<Integer> {
    @Option(names = "--from", paramLabel = "DIR", required = true, description = "Folder of source photos.")
    Path from;

    @Option(names = "--count", paramLabel = "N", description = "How many files (default: ${DEFAULT-VALUE}).")
    int count = 300;

    @Option(names = "--megapixels", paramLabel = "MP", description = "Size of each image (default: ${DEFAULT-VALUE}).")
    double megapixels = 2.0;

    @Parameters(paramLabel = "OUT", description = "Output folder (created).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        OptionRanges.between("--count", count, 1, 1_000_000);
        OptionRanges.between("--megapixels", megapixels, 0.01, 100);
        List<Path> sources;
        try (var s = Files.list(from)) {
            sources = s.filter(ImageFiles::isImage).sorted().toList();
        }
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("--from " + from + ": no images there");
        }
        Files.createDirectories(out);
        int w = (int) Math.round(Math.sqrt(megapixels * 1e6 * 4 / 3));
        int h = w * 3 / 4;
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.9f);
        for (int i = 0; i < count; i++) {
            BufferedImage src = ImageIO.read(sources.get(i % sources.size()).toFile());
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            int shift = (i / sources.size()) * 13;
            boolean flip = (i / sources.size()) % 2 == 1;
            g.drawImage(src, flip ? w + shift : -shift, 0, flip ? -w - 2 * shift : w + 2 * shift, h, null);
            g.dispose();
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(out.resolve(String.format("bench-%05d.jpg", i)).toFile())) {
                writer.setOutput(ios);
                writer.write(null, new IIOImage(img, null, null), param);
            }
        }
        writer.dispose();
        spec.commandLine().getOut().printf("wrote %d JPEGs of %dx%d into %s%n", count, w, h, out);
        return 0;
    }
}
