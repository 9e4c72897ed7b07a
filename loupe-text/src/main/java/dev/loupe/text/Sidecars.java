package dev.loupe.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The XMP sidecar files of an image, as darktable ({@code photo.jpg.xmp}) and Lightroom, digiKam and others
 * ({@code photo.xmp}) write them, in either case of the extension.
 */
public final class Sidecars {
    private static final String[] EXTENSIONS = {".xmp", ".XMP"};

    private Sidecars() {
    }

    /** A sidecar that exists, with what says whether it changed. */
    public record Sidecar(Path path, long size, long mtimeMillis) {
        /** {@code name:size:mtime}, compared between index runs. */
        public String stamp() {
            return path.getFileName() + ":" + size + ":" + mtimeMillis;
        }
    }

    /** The sidecars of {@code image} that exist: {@code photo.jpg.xmp} first, then {@code photo.xmp}. */
    public static List<Sidecar> of(Path image) {
        List<Sidecar> out = new ArrayList<>();
        Path name = image.getFileName();
        if (name == null) {
            return out;
        }
        String full = name.toString();
        int dot = full.lastIndexOf('.');
        List<String> candidates = new ArrayList<>();
        for (String ext : EXTENSIONS) {
            candidates.add(full + ext);
        }
        if (dot > 0) {
            for (String ext : EXTENSIONS) {
                candidates.add(full.substring(0, dot) + ext);
            }
        }
        for (String c : candidates) {
            Path p = image.resolveSibling(c);
            try {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                if (a.isRegularFile() && out.stream().noneMatch(s -> isSameFile(s.path(), p))) {
                    out.add(new Sidecar(p, a.size(), a.lastModifiedTime().toMillis()));
                }
            } catch (IOException e) {
                // no such sidecar (or unreadable: then it is as if it were not there)
            }
        }
        return out;
    }

    /** The stamps of the sidecars, joined; "" when there are none. */
    public static String stamp(List<Sidecar> sidecars) {
        return String.join(";", sidecars.stream().map(Sidecar::stamp).toList());
    }

    private static boolean isSameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b); // photo.XMP and photo.xmp on a case-insensitive file system
        } catch (IOException e) {
            return a.equals(b);
        }
    }
}
