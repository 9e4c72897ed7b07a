package dev.loupe.text;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FileWordsTest {
    @Test
    void fileAndFolderNamesBecomeWords() {
        assertEquals("passport scan\nTrip to Rome\nPictures",
                FileWords.of(Path.of("/home/me/Pictures/Trip to Rome/passport-scan.jpg")));
        assertEquals("grandma Birthday 2019\nfamily_pics".replace("_", " "),
                FileWords.of(Path.of("/family_pics/grandmaBirthday_2019.JPG")));
        assertEquals("IMG 2041", FileWords.of(Path.of("/IMG_2041.jpg")));
        assertEquals("q3 revenue", FileWords.words("q3-revenue"), "letters and digits stay together");
    }
}
