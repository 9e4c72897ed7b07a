package dev.loupe.models.image;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * JPEG decoding through the system's libjpeg-turbo (TurboJPEG API, {@code libturbojpeg.so.0}, Debian/Ubuntu
 * package {@code libturbojpeg0}), bound with JNA. This is the fast path of {@link ImageDecoder}: libjpeg-turbo
 * is SIMD-accelerated and scales in the DCT domain (1/2, 1/4, 1/8 ...), so a 2-megapixel photo wanted at a
 * 256-pixel short side is decoded at 1/4 size without ever running the full-size inverse DCT, upsampling
 * and colour conversion; its pixels are written straight into a {@code TYPE_INT_RGB} buffer. The JDK's own
 * JPEG reader cannot do either.
 *
 * <p>Optional: {@link #load()} is empty when the library is not installed, and the decoder then uses ImageIO.
 * One TurboJPEG handle is made per call, so instances are thread-safe.
 */
final class NativeJpeg {

    /** The subset of turbojpeg.h (libjpeg-turbo 2.x/3.x) that the decoder needs. */
    interface TurboJpegLibrary extends Library {
        Pointer tjInitDecompress();

        int tjDecompressHeader3(Pointer handle, byte[] jpegBuf, NativeLong jpegSize,
                                int[] width, int[] height, int[] jpegSubsamp, int[] jpegColorspace);

        Pointer tjGetScalingFactors(int[] numScalingFactors);

        int tjDecompress2(Pointer handle, byte[] jpegBuf, NativeLong jpegSize, int[] dstBuf,
                          int width, int pitch, int height, int pixelFormat, int flags);

        String tjGetErrorStr2(Pointer handle);

        int tjGetErrorCode(Pointer handle);

        int tjDestroy(Pointer handle);
    }

    static final int TJCS_CMYK = 3;
    static final int TJCS_YCCK = 4;
    private static final int TJPF_BGRX = 3;
    private static final int TJPF_XRGB = 5;
    private static final int TJERR_WARNING = 0;
    /** Refuse progressive files with absurd scan counts (a known CPU-exhaustion trick) instead of spinning. */
    private static final int TJFLAG_LIMITSCANS = 32768;
    private static final String[] LIBRARY_NAMES = {"turbojpeg", "libturbojpeg.so.0", "libturbojpeg.so.1"};

    /** JPEG header facts. colorspace is a TJCS_* value. */
    record Header(int width, int height, int colorspace) {
        boolean isCmyk() {
            return colorspace == TJCS_CMYK || colorspace == TJCS_YCCK;
        }
    }

    /** A DCT scaling factor num/denom and the size it gives. */
    record Scale(int num, int denom, int width, int height) {
    }

    /** Decoded pixels, plus libjpeg's warning when the decode completed with one (null otherwise). */
    record Result(BufferedImage image, String warning) {
    }

    /** libjpeg-turbo refused the data (fatal) or, for {@link #header}, could not parse it. */
    static final class NativeJpegException extends Exception {
        NativeJpegException(String message) {
            super(message);
        }
    }

    private final TurboJpegLibrary lib;
    private final List<int[]> scalingFactors; // {num, denom}, ascending, all <= 1
    private final int pixelFormat;

    private NativeJpeg(TurboJpegLibrary lib, List<int[]> scalingFactors) {
        this.lib = lib;
        this.scalingFactors = scalingFactors;
        // TYPE_INT_RGB ints are 0x00RRGGBB: in little-endian memory that is B,G,R,X
        this.pixelFormat = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? TJPF_BGRX : TJPF_XRGB;
    }

    /** The binding, or empty when libturbojpeg (or JNA) is not available on this machine. */
    static Optional<NativeJpeg> load() {
        for (String name : LIBRARY_NAMES) {
            try {
                TurboJpegLibrary lib = Native.load(name, TurboJpegLibrary.class);
                return Optional.of(new NativeJpeg(lib, readScalingFactors(lib)));
            } catch (LinkageError | RuntimeException e) {
                // not installed under this name: try the next, then fall back to ImageIO
            }
        }
        return Optional.empty();
    }

    private static List<int[]> readScalingFactors(TurboJpegLibrary lib) {
        int[] count = new int[1];
        Pointer p = lib.tjGetScalingFactors(count);
        List<int[]> factors = new ArrayList<>();
        for (int i = 0; p != null && i < count[0]; i++) {
            int num = p.getInt(8L * i);
            int denom = p.getInt(8L * i + 4);
            if (num > 0 && denom > 0 && num <= denom) {
                factors.add(new int[] {num, denom});
            }
        }
        if (factors.isEmpty()) {
            factors.add(new int[] {1, 1});
        }
        factors.sort(Comparator.comparingDouble(f -> (double) f[0] / f[1]));
        return List.copyOf(factors);
    }

    Header header(byte[] jpeg) throws NativeJpegException {
        Pointer handle = open();
        try {
            int[] w = new int[1];
            int[] h = new int[1];
            int[] subsamp = new int[1];
            int[] cs = new int[1];
            if (lib.tjDecompressHeader3(handle, jpeg, new NativeLong(jpeg.length), w, h, subsamp, cs) != 0) {
                throw new NativeJpegException(lib.tjGetErrorStr2(handle));
            }
            return new Header(w[0], h[0], cs[0]);
        } finally {
            lib.tjDestroy(handle);
        }
    }

    /** The smallest DCT scale whose shorter side is still >= minSide (1/1 for small images). */
    Scale scaleFor(int width, int height, int minSide) {
        for (int[] f : scalingFactors) {
            int sw = scaled(width, f);
            int sh = scaled(height, f);
            if (Math.min(sw, sh) >= minSide) {
                return new Scale(f[0], f[1], sw, sh);
            }
        }
        return new Scale(1, 1, width, height);
    }

    private static int scaled(int dimension, int[] f) {
        return (int) (((long) dimension * f[0] + f[1] - 1) / f[1]);
    }

    /** Decodes at the given scale into a new TYPE_INT_RGB image. Fatal errors throw; warnings are returned. */
    Result decode(byte[] jpeg, Scale scale) throws NativeJpegException {
        BufferedImage image = new BufferedImage(scale.width(), scale.height(), BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        Pointer handle = open();
        try {
            int rc = lib.tjDecompress2(handle, jpeg, new NativeLong(jpeg.length), pixels,
                    scale.width(), scale.width() * 4, scale.height(), pixelFormat, TJFLAG_LIMITSCANS);
            if (rc == 0) {
                return new Result(image, null);
            }
            String message = lib.tjGetErrorStr2(handle);
            if (lib.tjGetErrorCode(handle) == TJERR_WARNING) {
                return new Result(image, message);
            }
            throw new NativeJpegException(message);
        } finally {
            lib.tjDestroy(handle);
        }
    }

    private Pointer open() throws NativeJpegException {
        Pointer handle = lib.tjInitDecompress();
        if (handle == null) {
            throw new NativeJpegException("libjpeg-turbo could not create a decompressor (out of memory?)");
        }
        return handle;
    }
}
