package dev.loupe.models.clip;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.parser.Parser;

/**
 * CLIP's text cleaning ("lower" cleaning of open_clip, the default of OpenAI's tokenizer): repair text, unescape
 * HTML entities twice, collapse runs of whitespace to one space, strip, lower-case.
 *
 * <p>The reference repairs text with the Python library ftfy. Only ftfy's character-level steps that matter for
 * typed queries are done here: NFC normalization, straightening curly quotes ({@code ’ → '}, so that
 * {@code don’t} splits as {@code don 't}), expanding Latin ligatures ({@code ﬁ → fi}), folding full-width
 * characters to their usual width ({@code ＣＡＴ → CAT}) and dropping control characters and byte-order marks.
 * ftfy's mojibake repair (guessing that text was decoded with the wrong charset) is not done; text with such damage
 * tokenizes differently from the reference.
 */
public final class ClipTextCleaner {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private ClipTextCleaner() {
    }

    /** The cleaned, lower-cased text the BPE pre-tokenizer sees. */
    public static String clean(String text) {
        String s = repair(text);
        for (int pass = 0; pass < 2 && s.indexOf('&') >= 0; pass++) { // twice, as the reference does
            s = Parser.unescapeEntities(s, false);
        }
        s = WHITESPACE.matcher(s).replaceAll(" ").strip();
        return s.toLowerCase(Locale.ROOT);
    }

    /** The ftfy-like character fixes described in the class comment, without the HTML and whitespace steps. */
    static String repair(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String replacement = replacementOf(c);
            if (replacement != null && out == null) {
                out = new StringBuilder(s.length());
                out.append(s, 0, i);
            }
            if (out != null) {
                out.append(replacement != null ? replacement : String.valueOf(c));
            }
        }
        return out == null ? s : out.toString();
    }

    /** What replaces {@code c}, or null to keep it. */
    private static String replacementOf(char c) {
        if (c == '\u02BC' || (c >= '\u2018' && c <= '\u201B')) {
            return "'";
        }
        if (c >= '\u201C' && c <= '\u201F') {
            return "\"";
        }
        if (isLatinLigature(c) || (c >= '\uFF01' && c <= '\uFFEE')) {
            return Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKC);
        }
        if (c == '\u3000') {
            return " ";
        }
        if (c == '\uFEFF' || c == '\u007F' || (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')) {
            return "";
        }
        return null;
    }

    private static boolean isLatinLigature(char c) {
        return (c >= '\uFB00' && c <= '\uFB06') || c == '\u0132' || c == '\u0133' || c == '\u0149'
                || (c >= '\u01C4' && c <= '\u01CC') || (c >= '\u01F1' && c <= '\u01F3');
    }
}
