package dev.loupe.models.clip;

/**
 * The reversible byte-to-character table of byte-level BPE (GPT-2 / CLIP): every byte value gets a printable,
 * non-space character, so that BPE symbols are ordinary strings. Printable Latin-1 bytes ({@code ! .. ~},
 * {@code ¡ .. ¬}, {@code ® .. ÿ}) map to themselves; the remaining 68 bytes map, in increasing byte order, to
 * U+0100, U+0101, ...
 *
 * <p>The <em>order</em> of the table matters too: CLIP's vocabulary starts with these 256 characters listed
 * printable bytes first, then the remapped ones, so {@link #vocabIndex(int)} is not the byte value.
 */
final class ByteLevelAlphabet {
    private final char[] charOfByte = new char[256];
    private final int[] indexOfByte = new int[256];
    private final int[] byteOfIndex = new int[256];
    private final int[] byteOfChar = new int[256 + 68];

    ByteLevelAlphabet() {
        boolean[] printable = new boolean[256];
        int index = 0;
        for (int b = 0; b < 256; b++) {
            if ((b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF)) {
                printable[b] = true;
                charOfByte[b] = (char) b;
                indexOfByte[b] = index;
                byteOfIndex[index] = b;
                index++;
            }
        }
        int shifted = 0;
        for (int b = 0; b < 256; b++) {
            if (!printable[b]) {
                charOfByte[b] = (char) (256 + shifted++);
                indexOfByte[b] = index;
                byteOfIndex[index] = b;
                index++;
            }
        }
        java.util.Arrays.fill(byteOfChar, -1);
        for (int b = 0; b < 256; b++) {
            byteOfChar[charOfByte[b]] = b;
        }
    }

    /** The character standing for byte {@code b} (0..255). */
    char charOf(int b) {
        return charOfByte[b & 0xFF];
    }

    /** Position of byte {@code b}'s character in the vocabulary's leading 256 entries. */
    int vocabIndex(int b) {
        return indexOfByte[b & 0xFF];
    }

    /** The byte whose character sits at vocabulary position {@code index} (0..255). */
    int byteAt(int index) {
        return byteOfIndex[index];
    }

    /** The byte a table character stands for, or -1 when {@code c} is not one of the 256 table characters. */
    int byteOf(char c) {
        return c < byteOfChar.length ? byteOfChar[c] : -1;
    }
}
