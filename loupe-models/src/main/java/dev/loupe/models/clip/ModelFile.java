package dev.loupe.models.clip;

import java.util.regex.Pattern;

/**
 * One file a model needs, where it is published and how to check a download.
 *
 * @param name            local file name, referenced by the descriptor's graph and text sections; it may sit in
 *                        folders ({@code visual/model.onnx}, as Immich's exports lay their files out)
 * @param url             the upstream {@code https} download location, pinned to a revision where the host allows
 * @param sha256          lower-case hex SHA-256 of the file, or null when it could not be verified from a published
 *                        source; installing refuses such a file unless the user supplies {@code --sha256}
 * @param size            exact size in bytes, or null when not published
 * @param approximateSize human-readable size as the host shows it (e.g. {@code "352 MB"}), or null
 * @param checksumNote    why {@code sha256} is null and what install does about it; required exactly then
 */
public record ModelFile(String name, String url, String sha256, Long size, String approximateSize,
                        String checksumNote) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public ModelFile {
        if (!validName(name)) {
            throw new InvalidDescriptorException(null, "name", "must be a file name (letters, digits, '.', '_', "
                    + "'-'; folders separated by '/', none starting with '.'), got " + quote(name));
        }
        if (url == null || !url.startsWith("https://") || url.length() <= "https://".length()) {
            throw new InvalidDescriptorException(null, "url", "must be an https:// download URL, got " + quote(url));
        }
        if (sha256 != null && !SHA256.matcher(sha256).matches()) {
            throw new InvalidDescriptorException(null, "sha256", "must be 64 lower-case hex digits or null, got "
                    + quote(sha256));
        }
        if (sha256 == null && (checksumNote == null || checksumNote.isBlank())) {
            throw new InvalidDescriptorException(null, "checksumNote", "is required when sha256 is null: say why "
                    + "the checksum is unknown (install refuses the file unless --sha256 is given)");
        }
        if (sha256 != null && checksumNote != null) {
            throw new InvalidDescriptorException(null, "checksumNote", "must be absent when sha256 is given");
        }
        if (size != null && size <= 0) {
            throw new InvalidDescriptorException(null, "size", "must be a positive byte count or null, got " + size);
        }
    }

    private static boolean validName(String name) {
        if (name == null || name.isEmpty() || name.endsWith("/")) {
            return false;
        }
        for (String segment : name.split("/", -1)) {
            if (!NAME.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }

    /** True when a download can be checked against a published SHA-256. */
    public boolean verifiable() {
        return sha256 != null;
    }

    private static String quote(String s) {
        return s == null ? "nothing" : "'" + s + "'";
    }
}
