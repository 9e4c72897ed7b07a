package dev.loupe.learn.data;

import java.util.List;

/**
 * One object of a CSS-like scene: a shape of a colour and size in one cell of the 3x3 grid. {@code dx, dy} is a
 * small offset (fraction of a cell) that keeps the rendering from being pixel-identical across scenes.
 */
public record CssObject(String shape, String color, String size, int row, int col, float dx, float dy) {
    public static final List<String> SHAPES = List.of("circle", "square", "triangle");
    public static final List<String> COLORS = List.of("gray", "red", "blue", "green", "brown", "purple", "cyan",
            "yellow");
    public static final List<String> SIZES = List.of("small", "large");
    public static final List<String> ROWS = List.of("top", "middle", "bottom");
    public static final List<String> COLS = List.of("left", "center", "right");

    public CssObject {
        if (!SHAPES.contains(shape) || !COLORS.contains(color) || !SIZES.contains(size)) {
            throw new IllegalArgumentException("unknown object attributes: " + size + " " + color + " " + shape);
        }
        if (row < 0 || row > 2 || col < 0 || col > 2) {
            throw new IllegalArgumentException("cell out of the 3x3 grid: " + row + "," + col);
        }
    }

    /** The cell name used in texts, e.g. {@code top-left}. */
    public String position() {
        return ROWS.get(row) + "-" + COLS.get(col);
    }

    public int cell() {
        return row * 3 + col;
    }

    /** {@code size color shape}, e.g. {@code large blue square}. */
    public String describe() {
        return size + " " + color + " " + shape;
    }

    public CssObject withShape(String s) {
        return new CssObject(s, color, size, row, col, dx, dy);
    }

    public CssObject withColor(String c) {
        return new CssObject(shape, c, size, row, col, dx, dy);
    }

    public CssObject withSize(String s) {
        return new CssObject(shape, color, s, row, col, dx, dy);
    }

    /** Same shape, colour, size and cell (the offset is ignored). */
    public boolean sameAs(CssObject o) {
        return shape.equals(o.shape) && color.equals(o.color) && size.equals(o.size) && row == o.row && col == o.col;
    }
}
