package dev.loupe.text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The words of a file's name and of the folders just above it: {@code ~/Pictures/Trip to Rome/passport-scan.jpg}
 * gives "passport scan" and "Trip to Rome". Separators ({@code - _ . +}) become spaces and camel case is split
 * ({@code grandmaBirthday} → grandma Birthday); the extension is dropped.
 */
public final class FileWords {
    /** How many folders above the file count: the nearer ones name the event or the subject, the higher ones rarely. */
    public static final int FOLDERS = 2;
    private static final Pattern SEPARATORS = Pattern.compile("[\\s_\\-.+,;()\\[\\]{}]+");
    private static final Pattern CAMEL = Pattern.compile("(?<=\\p{Ll})(?=\\p{Lu})");

    private FileWords() {
    }

    /** The words of {@code file}'s name, then of up to {@link #FOLDERS} folders above it, one name per line. */
    public static String of(Path file) {
        List<String> names = new ArrayList<>();
        Path name = file.getFileName();
        if (name == null) {
            return "";
        }
        String base = name.toString();
        int dot = base.lastIndexOf('.');
        names.add(words(dot > 0 ? base.substring(0, dot) : base));
        Path folder = file.getParent();
        for (int i = 0; i < FOLDERS && folder != null && folder.getFileName() != null; i++) {
            names.add(words(folder.getFileName().toString()));
            folder = folder.getParent();
        }
        return String.join("\n", names.stream().filter(s -> !s.isEmpty()).toList());
    }

    /** One name as words. */
    static String words(String name) {
        String spaced = CAMEL.matcher(SEPARATORS.matcher(name).replaceAll(" ")).replaceAll(" ");
        return spaced.strip().replaceAll("\\s+", " ");
    }
}
