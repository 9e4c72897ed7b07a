package dev.loupe.models.store;

import java.net.URI;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A file a model needs, as its descriptor pins it: where it comes from and exactly which bytes it must be.
 *
 * @param name     the file name in the cache (and in a mirror directory), e.g. {@code mobilenetv2-12-int8.onnx}
 * @param upstream where to download it when no mirror is configured (http, https or file URI)
 * @param sha256   the SHA-256 of the file, 64 hex digits (stored lower-case)
 * @param size     the size in bytes, or -1 if unknown
 * @param licence  the licence the file is distributed under, shown to users
 */
public record ModelFile(String name, URI upstream, String sha256, long size, String licence) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");

    public ModelFile {
        checkName(name);
        if (upstream == null || upstream.getScheme() == null) {
            throw new IllegalArgumentException("model file " + name + ": upstream must be an absolute URI, got "
                    + upstream);
        }
        if (sha256 == null || sha256.length() != 64 || !sha256.chars().allMatch(HexFormat::isHexDigit)) {
            throw new IllegalArgumentException("model file " + name + ": sha256 must be 64 hex digits, got '"
                    + sha256 + "'");
        }
        sha256 = sha256.toLowerCase(Locale.ROOT);
        if (size < -1) {
            throw new IllegalArgumentException("model file " + name + ": size must be >= 0 or -1 (unknown)");
        }
        licence = licence == null ? "" : licence;
    }

    /** Convenience constructor from a URI string. */
    public ModelFile(String name, String upstream, String sha256, long size, String licence) {
        this(name, URI.create(upstream), sha256, size, licence);
    }

    /**
     * Checks that a name can be a file in the cache: letters, digits, '.', '_', '+', '-', not starting with a dot,
     * and not ending with one of the store's own suffixes. A name may have folders, separated by {@code /}, each
     * following the same rule (so never {@code ..}): exports such as Immich's keep {@code visual/model.onnx} and
     * {@code textual/model.onnx} side by side, and a mirror holds them under the same relative paths.
     */
    public static String checkName(String name) {
        boolean ok = name != null && !name.isEmpty() && !name.endsWith("/");
        for (String segment : ok ? name.split("/", -1) : new String[0]) {
            ok &= NAME.matcher(segment).matches();
        }
        if (!ok) {
            throw new IllegalArgumentException("'" + name + "' is not a valid model file name: use letters, digits,"
                    + " '.', '_', '+' and '-', with '/' between folder names (none may start with '.')");
        }
        for (String suffix : ModelStore.RESERVED_SUFFIXES) {
            if (name.endsWith(suffix)) {
                throw new IllegalArgumentException("model file name '" + name + "' must not end with " + suffix);
            }
        }
        return name;
    }
}
