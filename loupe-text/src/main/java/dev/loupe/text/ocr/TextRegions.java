package dev.loupe.text.ocr;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the parts of a photo that look like lines of text, cheaply (tens of milliseconds, no model), for two uses:
 * the OCR pass's quick test (no region: the photo is skipped, tesseract never starts) and the input tesseract reads
 * (the regions, binarised dark-on-white and stacked into one collage). Tesseract is made for pages: on a sign
 * against a brick wall its page layout analysis finds no text at all (measured: 0 of 24 drawn signs read from the
 * whole photo), while the same word cut out and binarised is read.
 *
 * <p>Written by hand because no library on the JVM does scene-text detection without a model (OpenCV's EAST needs
 * one, and a native build): strong edges are closed horizontally into line-shaped blobs, and blobs of a text line's
 * shape and edge density are kept.
 */
public final class TextRegions {
    /** Photos are examined at most this large (long side). */
    static final int WORK_SIDE = 1200;
    /** A region is scaled to this height for tesseract (its letters then are 25-35 px tall). */
    static final int LINE_HEIGHT = 48;
    static final int MAX_REGIONS = 40;
    private static final int EDGE = 56;
    private static final int GAP = 16;

    /** A region of the working image. */
    record Box(int x, int y, int w, int h) {
    }

    /**
     * The found regions, cut out of the (deskewed) grey working image.
     *
     * @param uprightLines how many regions were found upright (a page has many)
     */
    record Found(List<BufferedImage> crops, int uprightLines) {
        boolean isEmpty() {
            return crops.isEmpty();
        }
    }

    /** Text is looked for upright and turned by these angles, so that lines tilted up to about 10° are found and read straight. */
    static final double[] ANGLES = {0, -5, 5, -10, 10};

    private TextRegions() {
    }

    /**
     * The line-shaped regions of {@code image}, in reading order. Looked for at three scales (long side 1200, 600 and
     * 300 px), so that the closing joins the letters of small print and of large signs alike.
     */
    static Found find(BufferedImage image) {
        BufferedImage upright = grey(image, WORK_SIDE);
        List<BufferedImage> crops = new ArrayList<>();
        int uprightLines = 0;
        for (double angle : ANGLES) {
            BufferedImage grey = angle == 0 ? upright : rotate(upright, angle);
            List<Box> found = boxes(grey);
            if (angle == 0) {
                uprightLines = found.size();
            }
            for (Box b : found) {
                if (crops.size() < MAX_REGIONS) {
                    crops.add(cut(grey, b));
                }
            }
        }
        return new Found(crops, uprightLines);
    }

    private static BufferedImage rotate(BufferedImage grey, double degrees) {
        BufferedImage out = new BufferedImage(grey.getWidth(), grey.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.rotate(Math.toRadians(degrees), grey.getWidth() / 2.0, grey.getHeight() / 2.0);
        g.drawImage(grey, 0, 0, null);
        g.dispose();
        return out;
    }

    private static BufferedImage cut(BufferedImage grey, Box b) {
        int pad = Math.max(2, b.h() / 4);
        int x0 = Math.max(0, b.x() - pad);
        int y0 = Math.max(0, b.y() - pad);
        int x1 = Math.min(grey.getWidth(), b.x() + b.w() + pad);
        int y1 = Math.min(grey.getHeight(), b.y() + b.h() + pad);
        return binarise(grey.getSubimage(x0, y0, x1 - x0, y1 - y0));
    }

    /** The regions of one orientation, best first (at most {@link #MAX_REGIONS}). */
    private static List<Box> boxes(BufferedImage grey) {
        List<Box> boxes = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        for (int side = WORK_SIDE; side >= WORK_SIDE / 4; side /= 2) {
            BufferedImage level = side == WORK_SIDE ? grey : grey(grey, side);
            double up = grey.getWidth() / (double) level.getWidth();
            detect(level, (box, score) -> {
                Box mapped = new Box((int) (box.x() * up), (int) (box.y() * up), (int) Math.ceil(box.w() * up),
                        (int) Math.ceil(box.h() * up));
                for (int i = 0; i < boxes.size(); i++) {
                    if (overlap(boxes.get(i), mapped) > 0.5) {
                        if (score > scores.get(i)) {
                            boxes.set(i, mapped);
                            scores.set(i, score);
                        }
                        return;
                    }
                }
                boxes.add(mapped);
                scores.add(score);
            });
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble(i -> -scores.get(i)));
        List<Box> best = new ArrayList<>();
        for (int i = 0; i < Math.min(MAX_REGIONS, order.size()); i++) {
            best.add(boxes.get(order.get(i)));
        }
        best.sort(Comparator.comparingInt(Box::y).thenComparingInt(Box::x)); // reading order
        return best;
    }

    /** Intersection over the smaller box's area. */
    private static double overlap(Box a, Box b) {
        int ix = Math.max(0, Math.min(a.x() + a.w(), b.x() + b.w()) - Math.max(a.x(), b.x()));
        int iy = Math.max(0, Math.min(a.y() + a.h(), b.y() + b.h()) - Math.max(a.y(), b.y()));
        return ix * (double) iy / Math.min(a.w() * (double) a.h(), b.w() * (double) b.h());
    }

    private interface BoxSink {
        void accept(Box box, double score);
    }

    /** One scale: strong edges, closed along rows, components of a text line's shape and edge density. */
    private static void detect(BufferedImage grey, BoxSink sink) {
        int w = grey.getWidth();
        int h = grey.getHeight();
        byte[] px = ((DataBufferByte) grey.getRaster().getDataBuffer()).getData();
        boolean[] edge = new boolean[w * h];
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                int gx = Math.abs((px[i + 1] & 0xFF) - (px[i - 1] & 0xFF));
                int gy = Math.abs((px[i + w] & 0xFF) - (px[i - w] & 0xFF));
                edge[i] = Math.max(gx, gy) >= EDGE;
            }
        }
        int r = 4;
        boolean[] closed = erodeRows(dilateRows(edge, w, h, r), w, h, r);
        closed = dilateCols(closed, w, h, 1);
        components(closed, w, h, (box, area) -> {
            if (box.h() < 8 || box.h() > h / 3 || box.w() < 1.6 * box.h() || box.w() > 0.98 * w) {
                return;
            }
            double fill = area / (double) (box.w() * box.h());
            int edges = 0;
            for (int y = box.y(); y < box.y() + box.h(); y++) {
                for (int x = box.x(); x < box.x() + box.w(); x++) {
                    if (edge[y * w + x]) {
                        edges++;
                    }
                }
            }
            double density = edges / (double) (box.w() * box.h());
            if (fill >= 0.45 && density >= 0.08 && density <= 0.6) {
                sink.accept(box, density * Math.sqrt(box.w() * (double) box.h()));
            }
        });
    }

    /** The regions cut out, binarised dark text on white, scaled to {@link #LINE_HEIGHT} and stacked. */
    static BufferedImage collage(Found found) {
        List<BufferedImage> lines = new ArrayList<>();
        int width = 0;
        int height = GAP;
        for (BufferedImage crop : found.crops()) {
            double scale = LINE_HEIGHT / (double) crop.getHeight();
            int cw = Math.max(1, (int) Math.round(crop.getWidth() * scale));
            BufferedImage scaled = new BufferedImage(cw, LINE_HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D g = scaled.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(crop, 0, 0, cw, LINE_HEIGHT, null);
            g.dispose();
            lines.add(scaled);
            width = Math.max(width, cw);
            height += LINE_HEIGHT + GAP;
        }
        BufferedImage out = new BufferedImage(width + 2 * GAP, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        int y = GAP;
        for (BufferedImage line : lines) {
            g.drawImage(line, GAP, y, null);
            y += LINE_HEIGHT + GAP;
        }
        g.dispose();
        return out;
    }

    /** Otsu's threshold; the class with fewer pixels is taken as the text and drawn black on white. */
    static BufferedImage binarise(BufferedImage crop) {
        int w = crop.getWidth();
        int h = crop.getHeight();
        int[] hist = new int[256];
        int[] v = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                v[y * w + x] = crop.getRaster().getSample(x, y, 0);
                hist[v[y * w + x]]++;
            }
        }
        int t = otsu(hist, w * h);
        int dark = 0;
        for (int value : v) {
            if (value <= t) {
                dark++;
            }
        }
        boolean textIsDark = dark <= v.length - dark;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean isText = (v[y * w + x] <= t) == textIsDark;
                out.getRaster().setSample(x, y, 0, isText ? 0 : 255);
            }
        }
        return out;
    }

    private static int otsu(int[] hist, int total) {
        long sum = 0;
        for (int i = 0; i < 256; i++) {
            sum += (long) i * hist[i];
        }
        long sumB = 0;
        int wB = 0;
        double best = -1;
        int threshold = 127;
        for (int t = 0; t < 256; t++) {
            wB += hist[t];
            if (wB == 0) {
                continue;
            }
            int wF = total - wB;
            if (wF == 0) {
                break;
            }
            sumB += (long) t * hist[t];
            double mB = sumB / (double) wB;
            double mF = (sum - sumB) / (double) wF;
            double between = (double) wB * wF * (mB - mF) * (mB - mF);
            if (between > best) {
                best = between;
                threshold = t;
            }
        }
        return threshold;
    }

    /** The image in grey, scaled down so its long side is at most {@code side}, on white. */
    static BufferedImage grey(BufferedImage image, int side) {
        double scale = Math.min(1.0, side / (double) Math.max(image.getWidth(), image.getHeight()));
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage grey = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return grey;
    }

    private static boolean[] dilateRows(boolean[] in, int w, int h, int r) {
        boolean[] out = new boolean[in.length];
        for (int y = 0; y < h; y++) {
            int last = -r - 1; // last set pixel seen
            for (int x = 0; x < w + r; x++) {
                if (x < w && in[y * w + x]) {
                    last = x;
                }
                int target = x - r;
                if (target >= 0 && x - last <= 2 * r) {
                    out[y * w + target] = true;
                }
            }
        }
        return out;
    }

    private static boolean[] erodeRows(boolean[] in, int w, int h, int r) {
        boolean[] inverted = new boolean[in.length];
        for (int i = 0; i < in.length; i++) {
            inverted[i] = !in[i];
        }
        boolean[] grown = dilateRows(inverted, w, h, r);
        for (int i = 0; i < grown.length; i++) {
            grown[i] = !grown[i];
        }
        return grown;
    }

    private static boolean[] dilateCols(boolean[] in, int w, int h, int r) {
        boolean[] out = new boolean[in.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (in[y * w + x]) {
                    for (int d = -r; d <= r; d++) {
                        int yy = y + d;
                        if (yy >= 0 && yy < h) {
                            out[yy * w + x] = true;
                        }
                    }
                }
            }
        }
        return out;
    }

    private interface ComponentSink {
        void accept(Box box, int area);
    }

    /** 4-connected components of the set pixels, by an explicit stack (no recursion). */
    private static void components(boolean[] set, int w, int h, ComponentSink sink) {
        boolean[] seen = new boolean[set.length];
        int[] stack = new int[set.length];
        for (int start = 0; start < set.length; start++) {
            if (!set[start] || seen[start]) {
                continue;
            }
            int top = 0;
            stack[top++] = start;
            seen[start] = true;
            int minX = w;
            int minY = h;
            int maxX = -1;
            int maxY = -1;
            int area = 0;
            while (top > 0) {
                int i = stack[--top];
                int x = i % w;
                int y = i / w;
                area++;
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
                if (x > 0 && set[i - 1] && !seen[i - 1]) {
                    seen[i - 1] = true;
                    stack[top++] = i - 1;
                }
                if (x < w - 1 && set[i + 1] && !seen[i + 1]) {
                    seen[i + 1] = true;
                    stack[top++] = i + 1;
                }
                if (y > 0 && set[i - w] && !seen[i - w]) {
                    seen[i - w] = true;
                    stack[top++] = i - w;
                }
                if (y < h - 1 && set[i + w] && !seen[i + w]) {
                    seen[i + w] = true;
                    stack[top++] = i + w;
                }
            }
            sink.accept(new Box(minX, minY, maxX - minX + 1, maxY - minY + 1), area);
        }
    }
}
