package dev.loupe.engine;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where {@code loupe models install} takes files from and which checksums the user vouches for.
 *
 * @param from   a directory, or an http/https/file URL, holding the model's files by name; null to use
 *               {@code LOUPE_MODEL_MIRROR} or the descriptor's upstream URLs
 * @param sha256 checksums given on the command line ({@code --sha256 FILE=HEX}) for files whose descriptor
 *               publishes none, by file name
 */
public record InstallSource(String from, Map<String, String> sha256) {
    /** The mirror or upstream, no extra checksums. */
    public static final InstallSource DEFAULT = new InstallSource(null, Map.of());

    public InstallSource {
        if (from != null && from.isBlank()) {
            throw new IllegalArgumentException("--from must name a directory or URL, got an empty value");
        }
        Map<String, String> lower = new LinkedHashMap<>();
        sha256.forEach((file, hex) -> {
            String h = hex == null ? "" : hex.strip().toLowerCase(Locale.ROOT);
            if (h.length() != 64 || !h.chars().allMatch(HexFormat::isHexDigit)) {
                throw new IllegalArgumentException("--sha256 " + file + "=" + hex + ": the checksum must be 64 hex "
                        + "digits (as sha256sum prints it)");
            }
            lower.put(file, h);
        });
        sha256 = Map.copyOf(lower);
    }

    /** Parses {@code FILE=HEX} options. */
    public static Map<String, String> parseChecksums(Iterable<String> options) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String o : options) {
            int eq = o.indexOf('=');
            if (eq <= 0 || eq == o.length() - 1) {
                throw new IllegalArgumentException("--sha256 expects FILE=HEX (e.g. --sha256 model.onnx=<64 hex "
                        + "digits>), got '" + o + "'");
            }
            if (out.put(o.substring(0, eq), o.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("--sha256 is given twice for " + o.substring(0, eq));
            }
        }
        return out;
    }
}
