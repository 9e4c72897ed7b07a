package dev.loupe.models.zoo;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.models.clip.TextCleaning;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes {@code reference-token-ids.json}: the token ids of {@link #TEXTS} (strings in English, German, Spanish,
 * French, Japanese and Chinese, with odd spacing, punctuation, accents and one too long for a context) under each
 * tokenizer.json fixture of this package, computed with the tokenizer library itself — DJL's binding of Hugging
 * Face's Rust {@code tokenizers}, called directly with the file's own special tokens and no truncation or padding,
 * on each text as it is and as each {@link TextCleaning} leaves it. {@code HfTokenizerTest} checks Loupe's {@code HfTokenizer} (cleaning, truncation, padding, mask)
 * against them. Run from the project root after changing a fixture:
 * <pre>
 *   java -cp &lt;loupe-models test classpath&gt; dev.loupe.models.zoo.ReferenceTokenIds \
 *        loupe-models/src/test/resources/dev/loupe/models/zoo
 * </pre>
 */
public final class ReferenceTokenIds {
    static final List<String> FIXTURES = List.of("siglip-tokenizer.json", "xlm-roberta-tokenizer.json");
    static final List<String> TEXTS = List.of(
            "a photo of a red car",
            "the blue sky",
            "ein Foto von einem roten Auto",
            "der blaue Himmel",
            "una foto de un coche rojo",
            "el cielo azul",
            "une photo d'une voiture rouge",
            "赤い車の写真",
            "青い空",
            "红色汽车的照片",
            "蓝色的天空",
            "  blau \t und   weiß ",
            "grün, gelb & schwarz!",
            "Ünïcödé café naïve",
            "",
            "a dog and a cat with a green house in the sky ".repeat(8).strip());

    private ReferenceTokenIds() {
    }

    /** {@link #TEXTS} as they are and as each cleaning leaves them (what the tokenizer is given). */
    static java.util.Set<String> allTexts() {
        java.util.Set<String> all = new java.util.LinkedHashSet<>();
        for (String t : TEXTS) {
            all.add(t);
            all.add(TextCleaning.WHITESPACE.apply(t));
            all.add(TextCleaning.CANONICALIZE.apply(t));
        }
        return all;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "loupe-models/src/test/resources/dev/loupe/models/zoo");
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("about", "Token ids computed with DJL's binding of Hugging Face tokenizers (ai.djl.huggingface:"
                + "tokenizers) from the tokenizer.json fixtures beside this file, special tokens added, no truncation, "
                + "padding or cleaning; written by ReferenceTokenIds.");
        for (String fixture : FIXTURES) {
            ObjectNode cases = root.putObject(fixture);
            try (HuggingFaceTokenizer t = HuggingFaceTokenizer.builder().optTokenizerPath(dir.resolve(fixture))
                    .optAddSpecialTokens(true).optTruncation(false).optPadding(false).build()) {
                for (String text : allTexts()) {
                    ArrayNode ids = cases.putArray(text);
                    for (long id : t.encode(text, true, false).getIds()) {
                        ids.add(id);
                    }
                }
            }
        }
        Files.writeString(dir.resolve("reference-token-ids.json"),
                json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    }
}
