package dev.loupe.engine;

/**
 * Range checks for numeric command-line options, with one message shape for all of them: the option, the range
 * and what was given ({@code --commit-every must be between 1 and 1000000, got 0}). Thrown as
 * {@link IllegalArgumentException}: bad usage, exit code 2.
 */
public final class OptionRanges {
    private OptionRanges() {
    }

    /** {@code value}, if {@code min <= value <= max}. */
    public static int between(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** {@code value}, if it is a finite number with {@code min <= value <= max}. */
    public static double between(String option, double value, double min, double max) {
        if (!Double.isFinite(value) || value < min || value > max) {
            throw new IllegalArgumentException(option + " must be a number from " + plain(min) + " to " + plain(max)
                    + ", got " + value);
        }
        return value;
    }

    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
