package dev.loupe.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every numeric option has a range, checked before any model is loaded: out of it, exit code 2 and one line that
 * names the option and the range (issue 13: {@code --threads 100000} hung in ONNX Runtime, {@code --threads 0} and
 * {@code --visual-weight NaN} were taken).
 */
class OptionRangesCliTest {
    static final String PHOTO = Path.of(System.getProperty("loupe.shared"), "photos", "chelsea.png").toString();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "index --threads 0 /tmp                      | --threads must be between 1 and",
            "index --threads 100000 /tmp                 | --threads must be between 1 and",
            "index --commit-every 0 /tmp                 | --commit-every must be between 1 and 1000000",
            "search --max-pixels NaN cat                 | --max-pixels",
            "search --max-pixels 0 cat                   | --max-pixels",
            "search -k 0 cat                             | -k must be between 1",
            "search -k 2000000000 cat                    | -k must be between 1",
            "similar --visual-weight NaN PHOTO           | --visual-weight must be a number from 0 to 1",
            "similar --visual-weight -0.5 PHOTO          | --visual-weight must be a number from 0 to 1",
            "search --image PHOTO --plus NaN:red         | weight",
            "search --image PHOTO --plus -2:red          | weight",
            "search --min-confidence 2 --label x cat     | --min-confidence must be between 0 and 1",
            "search --min-width -5 cat                   | --min-width",
            "tags -k 0 PHOTO                             | -k must be between 1 and 1000",
            "serve --port 70000                          | --port must be between 0 and 65535",
            "serve --max-upload-mb 0                     | --max-upload-mb must be between 1 and 1024",
            "bench jpegs --from /tmp --count 0 /tmp/x    | --count must be between 1 and 1000000",
            "bench jpegs --from /tmp --megapixels NaN /x | --megapixels must be a number from",
            "classify train --labels /tmp -k 0           | -k must be between 1 and 1000",
            "classify train --labels /tmp --svm-c NaN    | --svm-c must be a number from",
            "classify apply --threshold 1.5              | --threshold must be between 0 and 1"})
    void outOfRangeIsAUsageErrorNamingTheOption(String command, String message) {
        String[] args = command.replace("PHOTO", PHOTO).strip().split("\\s+");
        CliRunner.Result r = CliRunner.run(args);
        assertEquals(Errors.USAGE, r.exit(), command + ": " + r.err());
        assertTrue(r.err().contains(message), command + " -> " + r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void aPathWithALineBreakStaysOnOneLineInTextOutput() {
        assertEquals("/photos/a\\nb.jpg", Output.oneLine("/photos/a\nb.jpg"));
        assertEquals("tab\\there\\r\\u001b[31m", Output.oneLine("tab\there\r\u001b[31m"));
        assertEquals("/plain/é.jpg", Output.oneLine("/plain/é.jpg"));
    }
}
