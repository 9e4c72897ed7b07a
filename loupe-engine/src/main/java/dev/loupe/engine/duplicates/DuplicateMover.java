package dev.loupe.engine.duplicates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves the images a duplicate search did not keep into a folder, keeping their folder structure below the folder
 * all of them share, and writes a manifest there that {@link #undo} reads to move them back. Nothing is deleted and
 * nothing is overwritten: every target is checked before the first file moves, and a move onto an existing file
 * fails. The manifest lists one move a line as {@code from-URI TAB to-URI TAB sha256} (URIs, so that any file name
 * survives), and is written before the files move, so that an interrupted run can still be undone.
 */
public final class DuplicateMover {
    static final String HEADER = "# loupe duplicates manifest v1: from\tto\tsha256; undo with 'loupe duplicates --undo"
            + " THIS-FILE'";

    /** One file moved (or to move). */
    public record Move(Path from, Path to, String sha256) {
    }

    /** What a move or an undo did. */
    public record Result(Path manifest, List<Move> moves) {
        public Result {
            moves = List.copyOf(moves);
        }
    }

    private DuplicateMover() {
    }

    /**
     * The moves that would put every non-kept image of {@code groups} of these kinds under {@code target}, at its
     * path below the folder that all images of those groups (keepers too) share.
     */
    public static List<Move> plan(List<DuplicateGroup> groups, java.util.Set<DuplicateGroup.Kind> kinds, Path target) {
        List<DuplicateGroup> chosen = groups.stream().filter(g -> kinds.contains(g.kind())).toList();
        if (chosen.isEmpty()) {
            return List.of();
        }
        Path root = Path.of(chosen.get(0).keeper().path()).getParent();
        for (DuplicateGroup g : chosen) {
            for (var image : g.images()) {
                while (!Path.of(image.path()).startsWith(root)) {
                    root = root.getParent();
                }
            }
        }
        Path dir = target.toAbsolutePath().normalize();
        List<Move> moves = new ArrayList<>();
        for (DuplicateGroup g : chosen) {
            for (DuplicateGroup.Member m : g.others()) {
                Path from = Path.of(m.image().path());
                moves.add(new Move(from, dir.resolve(root.relativize(from).toString()), m.image().contentHash()));
            }
        }
        return moves;
    }

    /** Moves the planned files after checking that no target exists; returns the manifest written in {@code target}. */
    public static Result move(List<Move> moves, Path target) {
        Path dir = target.toAbsolutePath().normalize();
        for (Move m : moves) {
            if (!Files.isRegularFile(m.from())) {
                throw new IllegalStateException(m.from() + " is gone or not a file since it was indexed; run 'loupe "
                        + "index' on its folder and try again (nothing was moved)");
            }
            if (Files.exists(m.to())) {
                throw new IllegalStateException("refusing to overwrite " + m.to() + " (nothing was moved); choose an "
                        + "empty --move-to folder");
            }
        }
        Path manifest = dir.resolve("loupe-duplicates-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
                .withZone(ZoneOffset.UTC).format(Instant.now()) + ".tsv");
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Move m : moves) {
            text.append(m.from().toUri()).append('\t').append(m.to().toUri()).append('\t').append(m.sha256())
                    .append('\n');
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(manifest, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            for (Move m : moves) {
                Files.createDirectories(m.to().getParent());
                Files.move(m.from(), m.to());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("moving duplicates into " + dir + " failed: " + e + "; what moved is "
                    + "listed in " + manifest + " (undo with --undo)", e);
        }
        return new Result(manifest, moves);
    }

    /**
     * Moves the files a manifest lists back where they were, after checking that each is still where it was moved
     * to and that nothing has taken its old place.
     */
    public static Result undo(Path manifest) {
        List<Move> moves = read(manifest);
        List<Move> back = new ArrayList<>();
        for (Move m : moves) {
            if (Files.exists(m.from())) {
                throw new IllegalStateException("refusing to overwrite " + m.from() + ", which the manifest " + manifest
                        + " would move " + m.to() + " back to (nothing was moved)");
            }
            if (Files.isRegularFile(m.to())) {
                back.add(m);
            }
        }
        try {
            for (Move m : back) {
                Files.createDirectories(m.from().getParent());
                Files.move(m.to(), m.from());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("moving files back from " + manifest + " failed: " + e, e);
        }
        return new Result(manifest, back);
    }

    static List<Move> read(Path manifest) {
        List<String> lines;
        try {
            lines = new String(Files.readAllBytes(manifest), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the manifest " + manifest + ": " + e.getMessage()
                    + " — give the .tsv file that 'loupe duplicates --move-to' wrote", e);
        }
        if (lines.isEmpty() || !lines.get(0).startsWith("# loupe duplicates manifest v1")) {
            throw new IllegalArgumentException(manifest + " is not a loupe duplicates manifest (its first line should"
                    + " be '" + HEADER + "')");
        }
        List<Move> moves = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t");
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                moves.add(new Move(Path.of(URI.create(f[0])), Path.of(URI.create(f[1])), f[2]));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(manifest + " line " + (i + 1) + " is not 'from-URI TAB to-URI TAB "
                        + "sha256': " + lines.get(i), e);
            }
        }
        return moves;
    }
}
