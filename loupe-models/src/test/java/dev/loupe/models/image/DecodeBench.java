package dev.loupe.models.image;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;

/**
 * How fast 2-megapixel JPEGs decode on each path the decoder could take. Prints a table of ms/image and
 * images/s (one thread, wall clock) and CPU ms/image (this thread's CPU time: the fair number when other
 * processes share the cores), then the decoder's throughput on all cores.
 *
 * <p>Makes 1600x1200 JPEGs (quality 0.9, 4:2:0) by upscaling six shared photos into a temp dir. Run:
 * <pre>
 *   ./mvnw -q -B -o -pl loupe-models test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 *   java -cp loupe-models/target/classes:loupe-models/target/test-classes:$(cat loupe-models/target/cp.txt) \
 *        dev.loupe.models.image.DecodeBench [shared-dir] [seconds-per-row]
 * </pre>
 */
public final class DecodeBench {

    private static final String[] SOURCES = {"kite.jpg", "dog.jpg", "horses.jpg", "rocket.jpg", "person.jpg", "coffee.png"};
    private static final int MIN_SIDE = DecodeOptions.DEFAULT_MIN_SIDE;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private interface Variant {
        BufferedImage decode(byte[] jpeg, Path file) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(args.length > 0 ? args[0] : System.getProperty("loupe.shared", "../shared"));
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 2.0;
        Path dir = Files.createTempDirectory("loupe-decode-bench");
        List<Path> files = makeJpegs(shared.resolve("photos"), dir);
        List<byte[]> data = new ArrayList<>();
        for (Path f : files) {
            data.add(Files.readAllBytes(f));
        }
        ImageDecoder fast = new ImageDecoder(DecodeOptions.defaults(), true);
        ImageDecoder portable = new ImageDecoder(DecodeOptions.defaults(), false);
        NativeJpeg turbo = NativeJpeg.load().orElse(null);
        int step = DecodeOptions.defaults().subsamplingFor(1600, 1200);

        System.out.printf(Locale.ROOT, "%d JPEGs of 1600x1200 (%.0f KB avg), %s, %s, %d cores%n", files.size(),
                data.stream().mapToInt(b -> b.length).average().orElse(0) / 1024,
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-62s %10s %9s %9s %11s%n", "path (one thread)", "output", "ms/image", "images/s",
                "cpu ms/img");
        row("ImageIO.read, full size (TwelveMonkeys reader)", seconds, files, data,
                (b, f) -> read(b, "com.twelvemonkeys", 1, false));
        row("JDK reader, full size", seconds, files, data, (b, f) -> read(b, "com.sun", 1, false));
        row("JDK reader, subsampled 1/" + step, seconds, files, data, (b, f) -> read(b, "com.sun", step, false));
        row("TwelveMonkeys reader, subsampled 1/" + step, seconds, files, data,
                (b, f) -> read(b, "com.twelvemonkeys", step, false));
        row("JDK reader, subsampled 1/8 (whole 8x8 blocks)", seconds, files, data, (b, f) -> read(b, "com.sun", 8, false));
        row("JDK readRaster 1/" + step + " (no libjpeg colour conv.) + Java YCbCr->RGB", seconds, files, data,
                (b, f) -> read(b, "com.sun", step, true));
        if (turbo != null) {
            row("libjpeg-turbo, full size", seconds, files, data,
                    (b, f) -> turbo.decode(b, new NativeJpeg.Scale(1, 1, 1600, 1200)).image());
            NativeJpeg.Scale s = turbo.scaleFor(1600, 1200, MIN_SIDE);
            row("libjpeg-turbo, DCT-scaled " + s.num() + "/" + s.denom(), seconds, files, data,
                    (b, f) -> turbo.decode(b, s).image());
        } else {
            System.out.println("(libturbojpeg not installed: apt-get install libturbojpeg0 for the native rows)");
        }
        row("ImageDecoder.decode(bytes), ImageIO only", seconds, files, data, (b, f) -> portable.decode(b, "x").image());
        if (fast.usesNativeJpeg()) {
            row("ImageDecoder.decode(bytes), libjpeg-turbo", seconds, files, data, (b, f) -> fast.decode(b, "x").image());
            row("ImageDecoder.decode(path), libjpeg-turbo (incl. file read)", seconds, files, data,
                    (b, f) -> fast.decode(f).image());
        }
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "%nImageDecoder.decode(path) on %d threads: %.0f images/s (%s)%n", threads,
                parallel(fast, files, threads, seconds * 2), fast.usesNativeJpeg() ? "libjpeg-turbo" : "ImageIO only");
        for (Path f : files) {
            Files.deleteIfExists(f);
        }
        Files.deleteIfExists(dir);
    }

    private static void row(String name, double seconds, List<Path> files, List<byte[]> data, Variant v)
            throws Exception {
        BufferedImage last = null;
        long warmEnd = System.nanoTime() + (long) (seconds * 0.5e9);
        for (int i = 0; System.nanoTime() < warmEnd || i < files.size(); i++) {
            last = v.decode(data.get(i % files.size()), files.get(i % files.size()));
        }
        int n = 0;
        long cpuStart = CPU.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        while (System.nanoTime() < end || n < files.size()) {
            last = v.decode(data.get(n % files.size()), files.get(n % files.size()));
            n++;
        }
        double ms = (System.nanoTime() - start) / 1e6 / n;
        double cpuMs = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e6 / n;
        System.out.printf(Locale.ROOT, "%-62s %10s %9.2f %9.0f %11.2f%n", name, last.getWidth() + "x" + last.getHeight(),
                ms, 1000 / ms, cpuMs);
    }

    private static double parallel(ImageDecoder decoder, List<Path> files, int threads, double seconds)
            throws Exception {
        AtomicInteger done = new AtomicInteger();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                futures.add(pool.submit(() -> {
                    for (int i = offset; System.nanoTime() < end; i++) {
                        decoder.decode(files.get(i % files.size()));
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            return done.get() / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One reader by class-name prefix, optional subsampling, read() or readRaster(). */
    private static BufferedImage read(byte[] jpeg, String readerPrefix, int step, boolean raster) throws IOException {
        try (ImageInputStream in = new ByteArrayImageInputStream(jpeg)) {
            ImageReader reader = null;
            for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("jpeg"); it.hasNext(); ) {
                ImageReader r = it.next();
                if (reader == null && r.getClass().getName().startsWith(readerPrefix)) {
                    reader = r;
                }
            }
            if (reader == null) {
                throw new IllegalStateException("no JPEG reader from " + readerPrefix);
            }
            try {
                reader.setInput(in, true, true);
                ImageReadParam p = reader.getDefaultReadParam();
                if (step > 1) {
                    p.setSourceSubsampling(step, step, 0, 0);
                }
                return raster ? yccToRgb(reader.readRaster(0, p)) : reader.read(0, p);
            } finally {
                reader.dispose();
            }
        }
    }

    /** JFIF YCbCr (as the JDK reader's readRaster returns it for 3-band files) to TYPE_INT_RGB. */
    private static BufferedImage yccToRgb(Raster ycc) {
        int w = ycc.getWidth();
        int h = ycc.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] px = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        int[] row = new int[w * 3];
        for (int y = 0; y < h; y++) {
            ycc.getPixels(ycc.getMinX(), ycc.getMinY() + y, w, 1, row);
            for (int x = 0; x < w; x++) {
                double yy = row[3 * x];
                double cb = row[3 * x + 1] - 128;
                double cr = row[3 * x + 2] - 128;
                int r = clamp(yy + 1.402 * cr);
                int g = clamp(yy - 0.344136 * cb - 0.714136 * cr);
                int b = clamp(yy + 1.772 * cb);
                px[y * w + x] = (r << 16) | (g << 8) | b;
            }
        }
        return out;
    }

    private static int clamp(double v) {
        return v <= 0 ? 0 : v >= 255 ? 255 : (int) (v + 0.5);
    }

    /** Upscales shared photos to 1600x1200 and writes them as quality-0.9 JPEGs. */
    static List<Path> makeJpegs(Path photos, Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String name : SOURCES) {
            BufferedImage src = ImageIO.read(photos.resolve(name).toFile());
            if (src == null) {
                throw new IOException("cannot read " + photos.resolve(name) + " (is loupe.shared right?)");
            }
            BufferedImage big = new BufferedImage(1600, 1200, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = big.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(src, 0, 0, 1600, 1200, null);
            g.dispose();
            Path file = dir.resolve(name.replaceAll("\\.\\w+$", "") + "-2mp.jpg");
            Files.write(file, jpeg(big, 0.9f));
            out.add(file);
        }
        return out;
    }

    static byte[] jpeg(BufferedImage image, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
