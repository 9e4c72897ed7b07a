package dev.loupe.models.onnx;

/**
 * One dimension of a tensor shape: a fixed size ({@link #of}), a symbolic name such as the batch dimension "N"
 * ({@link #named}), or unknown.
 *
 * @param value the size, or -1 when the dimension is symbolic or unknown
 * @param param the symbolic name, or "" when the dimension is fixed or unknown
 */
public record Dim(long value, String param) {
    public Dim {
        if (param == null) {
            throw new IllegalArgumentException("dimension name must not be null (use \"\" for none)");
        }
        if (value < -1 || (value >= 0 && !param.isEmpty())) {
            throw new IllegalArgumentException("a dimension is either a size >= 0 or a name, got " + value + "/" + param);
        }
    }

    public static Dim of(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("dimension size must be >= 0, got " + size);
        }
        return new Dim(size, "");
    }

    public static Dim named(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("symbolic dimension needs a non-empty name");
        }
        return new Dim(-1, name);
    }

    public static Dim unknown() {
        return new Dim(-1, "");
    }

    public boolean isFixed() {
        return value >= 0;
    }

    @Override
    public String toString() {
        return value >= 0 ? Long.toString(value) : param.isEmpty() ? "?" : param;
    }
}
