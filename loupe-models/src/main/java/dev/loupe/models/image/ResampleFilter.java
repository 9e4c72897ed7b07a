package dev.loupe.models.image;

import java.util.Arrays;
import java.util.Locale;

/**
 * The convolution kernels of Pillow's {@code Image.resize}, with Pillow's supports and formulas, so that resizing
 * with {@link PilResampler} gives the bytes Pillow gives. When downscaling, the kernel is stretched by the scale
 * factor (antialiasing), as in Pillow.
 */
public enum ResampleFilter {
    /** Keys' cubic convolution with a = -0.5, support 2: what CLIP's torchvision/PIL pipeline uses. */
    BICUBIC("bicubic", 2.0) {
        @Override
        double weight(double x) {
            double a = -0.5;
            if (x < 0.0) {
                x = -x;
            }
            if (x < 1.0) {
                return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
            }
            if (x < 2.0) {
                return (((x - 5) * x + 8) * x - 4) * a;
            }
            return 0.0;
        }
    },
    /** The triangle (tent) kernel, support 1. */
    BILINEAR("bilinear", 1.0) {
        @Override
        double weight(double x) {
            if (x < 0.0) {
                x = -x;
            }
            return x < 1.0 ? 1.0 - x : 0.0;
        }
    },
    /** Lanczos with three lobes, support 3. */
    LANCZOS("lanczos", 3.0) {
        @Override
        double weight(double x) {
            if (-3.0 <= x && x < 3.0) {
                return sinc(x) * sinc(x / 3);
            }
            return 0.0;
        }
    },
    /** The box kernel, support 0.5 (an area average when downscaling). */
    BOX("box", 0.5) {
        @Override
        double weight(double x) {
            return x > -0.5 && x <= 0.5 ? 1.0 : 0.0;
        }
    };

    private final String configName;
    private final double support;

    ResampleFilter(String configName, double support) {
        this.configName = configName;
        this.support = support;
    }

    /** The kernel's value at distance {@code x} (in source pixels, before stretching). */
    abstract double weight(double x);

    /** Half-width of the kernel in source pixels at scale 1. */
    double support() {
        return support;
    }

    /** The lower-case name used in model descriptors, e.g. {@code "bicubic"}. */
    public String configName() {
        return configName;
    }

    /** The filter with this descriptor name (case-insensitive). */
    public static ResampleFilter fromConfigName(String name) {
        for (ResampleFilter f : values()) {
            if (f.configName.equals(name.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown resample filter '" + name + "'; use one of "
                + Arrays.stream(values()).map(ResampleFilter::configName).toList());
    }

    private static double sinc(double x) {
        if (x == 0.0) {
            return 1.0;
        }
        x = x * Math.PI;
        return Math.sin(x) / x;
    }
}
