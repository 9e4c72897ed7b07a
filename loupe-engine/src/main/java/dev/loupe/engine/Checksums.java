package dev.loupe.engine;

import dev.loupe.models.clip.ModelDescriptor;
import dev.loupe.models.clip.ModelFile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Completes a descriptor's checksums with the ones the user gives ({@code --sha256 FILE=HEX}), so that every
 * download can be verified. A file without a published checksum and without a user-given one is refused: Loupe
 * never installs bytes it cannot check.
 */
final class Checksums {
    private Checksums() {
    }

    /**
     * The descriptor with every file's SHA-256 filled in.
     *
     * @param origin names the descriptor in messages
     * @throws IllegalArgumentException naming the files that still lack a checksum and the option to give, or an
     *                                  option that names no file of the model or contradicts a pinned checksum
     */
    static ModelDescriptor pin(ModelDescriptor d, String origin, Map<String, String> given) {
        Map<String, String> left = new LinkedHashMap<>(given);
        List<ModelFile> files = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (ModelFile f : d.files()) {
            String sha = left.remove(f.name());
            if (f.sha256() != null) {
                if (sha != null && !sha.equals(f.sha256())) {
                    throw new IllegalArgumentException("--sha256 " + f.name() + "=" + sha + " contradicts the "
                            + "checksum " + f.sha256() + " pinned by " + origin + "; drop the option or fix the "
                            + "descriptor");
                }
                files.add(f);
            } else if (sha == null) {
                missing.add(f.name());
                files.add(f);
            } else {
                files.add(new ModelFile(f.name(), f.url(), sha, f.size(), f.approximateSize(), null));
            }
        }
        if (!left.isEmpty()) {
            throw new IllegalArgumentException("--sha256 names " + left.keySet() + ", which model '" + d.name()
                    + "' does not have; its files are " + d.files().stream().map(ModelFile::name).toList());
        }
        if (!missing.isEmpty()) {
            StringBuilder options = new StringBuilder();
            for (String m : missing) {
                options.append(" --sha256 ").append(m).append("=HEX");
            }
            throw new IllegalArgumentException("model '" + d.name() + "': " + origin + " has \"sha256\": null for "
                    + String.join(", ", missing) + " (no published checksum), so the download could not be "
                    + "verified and is refused. If you trust a copy of the file, give its checksum:" + options
                    + " (HEX = the 64 hex digits 'sha256sum FILE' prints), or use a descriptor that pins it");
        }
        return d.withFiles(files);
    }
}
