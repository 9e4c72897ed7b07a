package dev.loupe.server;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Small JPEG previews for the results grid, made from the decoder's already-reduced pixels and kept in a bounded
 * in-memory cache (least recently used go first). Thread-safe.
 */
final class Thumbnails {
    /** The thumbnail's shorter side, in pixels. */
    static final int SIDE = 256;
    /** The longer side is cut to this (panoramas would otherwise make wide files). */
    static final int MAX_LONG_SIDE = 768;
    private static final float QUALITY = 0.85f;

    private final long maxCacheBytes;
    private long cachedBytes;
    private final LinkedHashMap<String, byte[]> cache = new LinkedHashMap<>(64, 0.75f, true);

    Thumbnails(long maxCacheBytes) {
        this.maxCacheBytes = maxCacheBytes;
    }

    /** The cached thumbnail for {@code key}, or one made now from {@code pixels}. */
    byte[] get(String key, Supplier<BufferedImage> pixels) {
        synchronized (this) {
            byte[] hit = cache.get(key);
            if (hit != null) {
                return hit;
            }
        }
        byte[] made = jpeg(pixels.get());
        synchronized (this) {
            byte[] old = cache.put(key, made);
            cachedBytes += made.length - (old == null ? 0 : old.length);
            var it = cache.entrySet().iterator();
            while (cachedBytes > maxCacheBytes && it.hasNext()) {
                Map.Entry<String, byte[]> eldest = it.next();
                if (eldest.getKey().equals(key)) {
                    continue;
                }
                cachedBytes -= eldest.getValue().length;
                it.remove();
            }
        }
        return made;
    }

    /** Scales {@code image} so its shorter side is {@link #SIDE} (never up) and encodes it as JPEG. */
    static byte[] jpeg(BufferedImage image) {
        return encode(scale(image));
    }

    static BufferedImage scale(BufferedImage src) {
        int w = src.getWidth();
        int h = src.getHeight();
        double f = Math.min(1.0, (double) SIDE / Math.min(w, h));
        int tw = Math.max(1, (int) Math.round(w * f));
        int th = Math.max(1, (int) Math.round(h * f));
        int cropW = Math.min(tw, MAX_LONG_SIDE);
        int cropH = Math.min(th, MAX_LONG_SIDE);
        if (f == 1.0 && cropW == w && cropH == h && src.getType() == BufferedImage.TYPE_INT_RGB) {
            return src;
        }
        BufferedImage out = new BufferedImage(cropW, cropH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, -(tw - cropW) / 2, -(th - cropH) / 2, tw, th, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static byte[] encode(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 * 1024);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(QUALITY);
            writer.write(null, new IIOImage(image, null, null), p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a thumbnail: " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
