package dev.loupe.models.tags;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TagVocabularyTest {
    @TempDir
    Path tmp;

    @Test
    void aVocabularyFileIsOneWordOrPhraseALine() throws Exception {
        Path f = Files.writeString(tmp.resolve("words.txt"), "# animals\ncat\n  snow leopard \n\ncat\n");
        assertEquals(List.of("cat", "snow leopard"), TagVocabulary.fromFile(f).words());
    }

    @Test
    void aBinaryFileIsNamedAndExplainedNotInputLength() throws Exception {
        Path f = Files.write(tmp.resolve("garbage.bin"), new byte[]{(byte) 0xFF, (byte) 0xFE, 0, (byte) 0xC3, 0x28});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TagVocabulary.fromFile(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("UTF-8 text"), e.getMessage());
        assertTrue(!e.getMessage().contains("Input length"), e.getMessage());
    }
}
