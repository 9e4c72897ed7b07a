package dev.loupe.models.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClipTextCleanerTest {

    @Test
    void unescapesHtmlTwiceLikeTheReference() {
        assertEquals("at&t", ClipTextCleaner.clean("AT&amp;T"));
        assertEquals("<b>", ClipTextCleaner.clean("&amp;lt;b&amp;gt;")); // two rounds of unescaping
        assertEquals("&amp;", ClipTextCleaner.clean("&amp;amp;amp;")); // but only two
        assertEquals("café ©", ClipTextCleaner.clean("caf&eacute; &copy;"));
        assertEquals("a&b", ClipTextCleaner.clean("a&b"));
    }

    @Test
    void collapsesWhitespaceStripsAndLowerCases() {
        assertEquals("lots of spaces", ClipTextCleaner.clean("   Lots \t\n  of\u00A0\u2003SPACES  "));
        assertEquals("", ClipTextCleaner.clean(" \n "));
    }

    @Test
    void repairsTheCharactersFtfyWouldRepair() {
        assertEquals("don't \"stop\"", ClipTextCleaner.clean("Don\u2019t \u201Cstop\u201D"));
        assertEquals("café", ClipTextCleaner.clean("cafe\u0301")); // NFC
        assertEquals("fish office", ClipTextCleaner.clean("\uFB01sh o\uFB03ce")); // ligatures
        assertEquals("cat 42!", ClipTextCleaner.clean("\uFF23\uFF21\uFF34\u3000\uFF14\uFF12\uFF01")); // full width
        assertEquals("ab", ClipTextCleaner.clean("\uFEFFa\u0000b\u007F"));
        assertEquals("東京の夜景", ClipTextCleaner.clean("東京の夜景"));
    }
}
