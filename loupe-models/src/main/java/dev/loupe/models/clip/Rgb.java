package dev.loupe.models.clip;

/** One value per colour channel, e.g. the per-channel mean or standard deviation used to normalize pixels. */
public record Rgb(double r, double g, double b) {
    public Rgb {
        if (!Double.isFinite(r) || !Double.isFinite(g) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("channel values must be finite numbers, got (" + r + ", " + g + ", "
                    + b + ")");
        }
    }

    /** Channel {@code c}: 0 red, 1 green, 2 blue. */
    public double get(int c) {
        return switch (c) {
            case 0 -> r;
            case 1 -> g;
            case 2 -> b;
            default -> throw new IllegalArgumentException("channel must be 0, 1 or 2, got " + c);
        };
    }
}
