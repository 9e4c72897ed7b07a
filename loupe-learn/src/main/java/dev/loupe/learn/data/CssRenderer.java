package dev.loupe.learn.data;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Map;

/** Draws a {@link CssScene} with Java2D: flat shapes on a light background, square images of any size. */
public record CssRenderer(int size) {
    private static final Map<String, Color> PALETTE = Map.of(
            "gray", new Color(128, 128, 128), "red", new Color(220, 30, 30), "blue", new Color(30, 60, 220),
            "green", new Color(30, 170, 50), "brown", new Color(130, 80, 30), "purple", new Color(140, 40, 180),
            "cyan", new Color(40, 200, 210), "yellow", new Color(235, 215, 40));

    public CssRenderer {
        if (size < 12) {
            throw new IllegalArgumentException("image size must be at least 12 pixels, got " + size);
        }
    }

    public BufferedImage render(CssScene scene) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(235, 235, 230));
            g.fillRect(0, 0, size, size);
            double cell = size / 3.0;
            for (CssObject o : scene.objects()) {
                double extent = cell * (o.size().equals("large") ? 0.8 : 0.45);
                double cx = (o.col() + 0.5 + o.dx()) * cell;
                double cy = (o.row() + 0.5 + o.dy()) * cell;
                double x = cx - extent / 2;
                double y = cy - extent / 2;
                java.awt.Shape s = switch (o.shape()) {
                    case "circle" -> new Ellipse2D.Double(x, y, extent, extent);
                    case "square" -> new Rectangle2D.Double(x, y, extent, extent);
                    default -> triangle(x, y, extent);
                };
                g.setColor(PALETTE.get(o.color()));
                g.fill(s);
                g.setColor(PALETTE.get(o.color()).darker());
                g.setStroke(new BasicStroke(Math.max(1f, size / 96f)));
                g.draw(s);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private static Path2D triangle(double x, double y, double e) {
        Path2D p = new Path2D.Double();
        p.moveTo(x + e / 2, y);
        p.lineTo(x + e, y + e);
        p.lineTo(x, y + e);
        p.closePath();
        return p;
    }
}
