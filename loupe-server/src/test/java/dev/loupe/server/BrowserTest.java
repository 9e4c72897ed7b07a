package dev.loupe.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static dev.loupe.server.Fixtures.PHOTOS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The search page in headless Chromium, as a person would use it: type words, drop a photo, "more like this",
 * analogy chips, the measure toggle, undo, the cut-off slider, the detail view with tags, the keyboard.
 */
class BrowserTest {
    /** The page's page size (app.js). */
    static final int PAGE = 24;
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path profile;
    static ChromeDriver driver;
    static WebDriverWait wait;
    static Http http;

    @BeforeAll
    static void start() {
        http = Fixtures.photos().http();
        driver = Browser.start(profile);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    @BeforeEach
    void openThePage() {
        driver.get(http.base() + "/");
        wait.until(d -> d.findElement(By.id("status")).getText().contains("21 photos · model "));
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private int searches() {
        String n = driver.findElement(By.tagName("body")).getDomAttribute("data-searches");
        return n == null ? 0 : Integer.parseInt(n);
    }

    /** Does something that starts a search and waits until its answer is on the page. */
    private void andWait(Runnable action) {
        int before = searches();
        action.run();
        wait.until(d -> searches() > before);
        String error = driver.findElement(By.id("error")).getText();
        if (!error.isEmpty() && driver.findElements(By.cssSelector("#results > li")).isEmpty()) {
            throw new AssertionError("the page shows an error: " + error);
        }
    }

    private void type(String text) {
        andWait(() -> {
            WebElement q = driver.findElement(By.id("q"));
            q.clear();
            q.sendKeys(text, Keys.ENTER);
        });
    }

    private List<WebElement> cards() {
        return driver.findElements(By.cssSelector("#results > li.card"));
    }

    private List<WebElement> visibleCards() {
        return cards().stream().filter(WebElement::isDisplayed).toList();
    }

    private List<String> ids() {
        return cards().stream().map(c -> c.getDomAttribute("data-id")).toList();
    }

    private List<String> names() {
        return cards().stream().map(c -> Path.of(c.getDomAttribute("data-path")).getFileName().toString()).toList();
    }

    private static List<String> apiIds(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.path("hits").forEach(h -> out.add(h.path("id").asText()));
        return out;
    }

    private void drop(Path photo) throws Exception {
        String b64 = Base64.getEncoder().encodeToString(Files.readAllBytes(photo));
        String type = photo.toString().endsWith(".png") ? "image/png" : "image/jpeg";
        andWait(() -> js("""
                const [b64, name, type] = arguments;
                const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
                const dt = new DataTransfer();
                dt.items.add(new File([bytes], name, { type }));
                document.body.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true }));
                document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
                """, b64, photo.getFileName().toString(), type));
    }

    private void chip(String word, String button) {
        andWait(() -> {
            driver.findElement(By.id("chip-input")).sendKeys(word);
            driver.findElement(By.id(button)).click();
        });
    }

    private List<String> crumbs() {
        return driver.findElements(By.cssSelector("#crumbs > li")).stream().map(WebElement::getText).toList();
    }

    private void screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name), driver.getScreenshotAs(OutputType.BYTES));
    }

    // ---- tests ----------------------------------------------------------------------------------------------

    @Test
    void typingACatShowsExactlyWhatTheApiAnswersWithTheCatNearTheTop() {
        type("a cat");
        JsonNode api = http.search(Map.of("text", "a cat", "k", PAGE, "measure", "diff"));
        assertEquals(apiIds(api), ids(), "the page shows the API's hits, in its order");
        List<WebElement> cards = cards();
        for (int i = 0; i < cards.size(); i++) {
            // words: each card shows how likely the photo matches them, the raw score stays in its tooltip
            JsonNode hit = api.path("hits").get(i);
            WebElement badge = cards.get(i).findElement(By.cssSelector(".score"));
            if (!cards.get(i).isDisplayed()) {
                continue; // below the default cut-off
            }
            assertEquals(Math.round(hit.path("relevance").asDouble() * 100) + "%", badge.getText());
            assertTrue(badge.getDomAttribute("title").contains(String.format(Locale.ROOT, "%.2f",
                    hit.path("score").asDouble())), badge.getDomAttribute("title"));
        }
        assertEquals("chelsea.png", names().get(0), names().toString());
        assertEquals(List.of("“a cat”"), crumbs());
    }

    @Test
    void aCupOfCoffeeFindsTheCoffeeFirst() {
        type("a cup of coffee");
        assertEquals("coffee.png", names().get(0));
    }

    @Test
    void aDroppedPhotoIsFirstInSimilarAndMoreLikeThisRefines() throws Exception {
        drop(PHOTOS.resolve("chelsea.png"));
        assertEquals("chelsea.png", names().get(0));
        assertEquals("1.00", cards().get(0).findElement(By.cssSelector(".score")).getText());
        assertTrue(driver.findElement(By.id("base")).getText().contains("chelsea.png"));
        assertTrue(driver.findElement(By.id("modifier-form")).isDisplayed(), "a photo can be changed by words");

        WebElement second = cards().get(1);
        String id = second.getDomAttribute("data-id");
        andWait(() -> second.findElement(By.cssSelector(".more-like")).click());
        assertEquals(2, crumbs().size(), crumbs().toString());
        assertTrue(crumbs().get(1).startsWith("like "), crumbs().toString());
        assertFalse(ids().contains(id), "the photo itself is not among its look-alikes");
        assertEquals(apiIds(http.search(Map.of("image", id, "k", PAGE, "measure", "diff"))), ids());
    }

    @Test
    void aPastedOrPickedPhotoIsSearchedLikeADroppedOne() throws Exception {
        String b64 = Base64.getEncoder().encodeToString(Files.readAllBytes(PHOTOS.resolve("kite.jpg")));
        andWait(() -> js("""
                const bytes = Uint8Array.from(atob(arguments[0]), (c) => c.charCodeAt(0));
                const dt = new DataTransfer();
                dt.items.add(new File([bytes], 'pasted.jpg', { type: 'image/jpeg' }));
                document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
                """, b64));
        assertEquals("kite.jpg", names().get(0));
        assertEquals(List.of("pasted.jpg"), crumbs());
        andWait(() -> driver.findElement(By.id("file")).sendKeys(PHOTOS.resolve("dog.jpg").toString()));
        assertEquals("dog.jpg", names().get(0));
        assertEquals(List.of("pasted.jpg", "dog.jpg"), crumbs());
    }

    @Test
    void aModificationTextChangesTheReferencePhoto() {
        type("a cup of coffee");
        WebElement coffee = cards().get(0);
        String id = coffee.getDomAttribute("data-id");
        andWait(() -> coffee.findElement(By.cssSelector(".more-like")).click());
        andWait(() -> driver.findElement(By.id("modifier")).sendKeys("a cat", Keys.ENTER));
        assertEquals(List.of("“a cup of coffee”", "like coffee.png", "change: a cat"), crumbs());
        JsonNode api = http.search(Map.of("image", id, "k", PAGE, "measure", "diff",
                "terms", List.of(Map.of("text", "a cat", "role", "base"))));
        assertEquals(apiIds(api), ids());
        assertTrue(api.path("query").asText().contains("'a cat'"), api.path("query").asText());
    }

    @Test
    void aRegisteredComposerIsOfferedInTheChangeItBoxAndUsed() throws Exception {
        assertFalse(driver.findElement(By.id("composer")).isDisplayed(), "no picker without composers");
        Fixtures.Served served = Fixtures.photos();
        // a text-only composer whose projection is the identity: the composed query is the change text alone
        int dim = served.loupe().model().info().space("semantic").dimension();
        float[] identity = new float[dim * dim];
        for (int i = 0; i < dim; i++) {
            identity[i * dim + i] = 1;
        }
        var meta = new dev.loupe.core.compose.ComposerMetadata(dev.loupe.core.compose.Composers.TEXT_ONLY, "test",
                "semantic", dim, dim, dim, served.loupe().index().model().fingerprint(), "semantic", Map.of(),
                Map.of());
        Path file = served.loupe().composers().register("words-only", new dev.loupe.core.compose.ComposerFile(meta,
                List.of(new dev.loupe.core.compose.Tensor("proj.weight", new int[] {dim, dim}, identity),
                        new dev.loupe.core.compose.Tensor("proj.bias", new int[] {dim}, new float[dim]))), true);
        try {
            openThePage();
            type("a cup of coffee");
            WebElement coffee = cards().get(0);
            String id = coffee.getDomAttribute("data-id");
            andWait(() -> coffee.findElement(By.cssSelector(".more-like")).click());
            andWait(() -> driver.findElement(By.id("modifier")).sendKeys("a cat", Keys.ENTER));
            WebElement picker = driver.findElement(By.id("composer"));
            wait.until(d -> picker.isDisplayed());
            andWait(() -> new org.openqa.selenium.support.ui.Select(picker).selectByValue("words-only"));
            assertEquals("composer: words-only", crumbs().get(crumbs().size() - 1), crumbs().toString());
            JsonNode composed = http.search(Map.of("image", id, "k", PAGE, "measure", "sum", "composer", "words-only",
                    "terms", List.of(Map.of("text", "a cat", "role", "base"))));
            assertEquals(apiIds(composed), ids(), "the page sends the chosen composer");
            JsonNode plain = http.search(Map.of("image", id, "k", PAGE, "measure", "sum",
                    "terms", List.of(Map.of("text", "a cat", "role", "base"))));
            assertFalse(apiIds(plain).equals(apiIds(composed)), "the composer changes the answer");
            assertEquals("chelsea.png", names().get(0), "the words alone lead to the cat");
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void minusCatPlusDogChipsTurnTheCatIntoADogWithEitherMeasureAndUndoGoesBack() throws Exception {
        drop(PHOTOS.resolve("chelsea.png"));
        chip("cat", "add-minus");
        chip("dog", "add-plus");
        assertTrue(Set.of("dog.jpg", "person.jpg").contains(names().get(0)), names().toString());
        WebElement minus = driver.findElement(By.cssSelector("#chips .chip.minus"));
        WebElement plus = driver.findElement(By.cssSelector("#chips .chip.plus"));
        assertEquals("− cat", minus.findElement(By.tagName("span")).getText());
        assertEquals("+ dog", plus.findElement(By.tagName("span")).getText());
        assertTrue(blueish(minus.getCssValue("color")), "minus chips are blue: " + minus.getCssValue("color"));
        assertTrue(reddish(plus.getCssValue("color")), "plus chips are red: " + plus.getCssValue("color"));
        assertEquals(List.of("chelsea.png", "− cat", "+ dog"), crumbs());
        assertFalse(names().contains("chelsea.png"), "the photo one starts from is no answer: " + names());
        screenshot("analogy.png");

        // sum is the default (picked by the learning benchmark); switch to diff and back
        assertTrue(driver.findElement(By.id("measure-sum")).isSelected());
        andWait(() -> driver.findElement(By.cssSelector("label[for=measure-diff]")).click());
        assertTrue(driver.findElement(By.id("measure-diff")).isSelected());
        assertTrue(Set.of("dog.jpg", "person.jpg").contains(names().get(0)), names().toString());
        assertEquals("diff", crumbs().get(3));

        andWait(() -> driver.findElement(By.tagName("body")).sendKeys("u"));
        assertTrue(driver.findElement(By.id("measure-sum")).isSelected(), "undo restores the sum measure");
        andWait(() -> driver.findElement(By.id("undo")).click());
        assertEquals(List.of("chelsea.png", "− cat"), crumbs());
        assertEquals(1, driver.findElements(By.cssSelector("#chips .chip")).size());
        // a chip can be removed; typing "+word" adds a plus chip from the keyboard
        andWait(() -> driver.findElement(By.cssSelector("#chips .chip button")).click());
        assertEquals(0, driver.findElements(By.cssSelector("#chips .chip")).size());
        andWait(() -> driver.findElement(By.id("chip-input")).sendKeys("+dog", Keys.ENTER));
        assertEquals(1, driver.findElements(By.cssSelector("#chips .chip.plus")).size());
        // going back to the first crumb drops every later step
        andWait(() -> driver.findElement(By.cssSelector("#crumbs button.crumb")).click());
        assertEquals(List.of("chelsea.png"), crumbs());
    }

    @Test
    void theRelevanceCutOffHidesUnlikelyMatchesUntilShowAll() {
        type("an animal");
        assertEquals(21, cards().size(), "every photo is a hit on one page");
        WebElement slider = driver.findElement(By.id("cutoff"));
        assertEquals("Relevance", driver.findElement(By.id("cutoff-label")).getText());
        double cutoff = Double.parseDouble(slider.getDomProperty("value"));
        assertEquals(dev.loupe.core.Relevance.DEFAULT_CUTOFF, cutoff, 1e-9, "starts at the server's default cut-off");
        int shown = visibleCards().size();
        assertTrue(shown > 0 && shown < 21, shown + " of 21: the default hides very unlikely matches");
        for (WebElement c : cards()) {
            double relevance = Double.parseDouble(c.getDomAttribute("data-relevance"));
            assertEquals(relevance >= cutoff - 1e-9, c.isDisplayed(), c.getDomAttribute("data-path") + " " + relevance);
        }
        assertEquals(shown + " of 21 shown · " + (21 - shown) + " unlikely match" + (21 - shown == 1 ? "" : "es")
                + " hidden", driver.findElement(By.id("shown")).getText());
        WebElement showAll = driver.findElement(By.id("show-all"));
        assertTrue(showAll.isDisplayed());
        showAll.click();
        assertEquals(21, visibleCards().size(), "one click shows them all");
        assertEquals("21 of 21 shown", driver.findElement(By.id("shown")).getText());
        assertFalse(showAll.isDisplayed());
        for (int i = 0; i < 30; i++) {
            slider.sendKeys(Keys.ARROW_RIGHT);
        }
        double threshold = Double.parseDouble(slider.getDomProperty("value"));
        List<WebElement> strict = visibleCards();
        assertTrue(strict.size() < 21, strict.size() + " of 21 at " + threshold);
        for (WebElement c : strict) {
            assertTrue(Double.parseDouble(c.getDomAttribute("data-relevance")) >= threshold - 1e-9);
        }
    }

    @Test
    void forAPhotoTheCutOffRunsOverTheRawScores() throws Exception {
        drop(PHOTOS.resolve("chelsea.png"));
        assertEquals("Cut-off", driver.findElement(By.id("cutoff-label")).getText());
        assertEquals(21, visibleCards().size(), "no relevance for image queries: nothing hidden at first");
        WebElement slider = driver.findElement(By.id("cutoff"));
        for (int i = 0; i < 6; i++) {
            slider.sendKeys(Keys.ARROW_RIGHT);
        }
        double threshold = Double.parseDouble(slider.getDomProperty("value"));
        List<WebElement> shown = visibleCards();
        assertTrue(shown.size() < 21 && !shown.isEmpty(), shown.size() + " of 21");
        for (WebElement c : shown) {
            assertTrue(Double.parseDouble(c.getDomAttribute("data-score")) >= threshold - 1e-9);
        }
        slider.sendKeys(Keys.HOME);
        assertEquals(21, visibleCards().size());
    }

    @Test
    void theKeyboardOpensTheDetailViewWithTagsAndFindsMoreLikeIt() throws Exception {
        driver.findElement(By.tagName("body")).sendKeys("/");
        assertEquals("q", driver.switchTo().activeElement().getDomAttribute("id"), "/ focuses the search box");
        type("a cup of coffee");
        WebElement first = cards().get(0);
        first.sendKeys(Keys.ENTER);
        WebElement dialog = driver.findElement(By.id("detail"));
        wait.until(d -> dialog.isDisplayed());
        assertEquals("coffee.png", driver.findElement(By.id("detail-name")).getText());
        wait.until(d -> !d.findElements(By.cssSelector("#detail-tags button.tag")).isEmpty());
        List<String> tags = driver.findElements(By.cssSelector("#detail-tags button.tag")).stream()
                .map(t -> t.getText().toLowerCase(Locale.ROOT)).toList();
        assertTrue(tags.size() >= 5, tags.toString());
        assertTrue(tags.stream().anyMatch(t -> t.contains("cup") || t.contains("coffee") || t.contains("espresso")),
                tags.toString());
        wait.until(d -> (Boolean) js("const i = document.getElementById('detail-image'); return i.complete && i.naturalWidth > 0;"));
        screenshot("detail.png");
        dialog.sendKeys(Keys.ESCAPE);
        wait.until(d -> !dialog.isDisplayed());

        WebElement again = cards().get(0);
        String id = again.getDomAttribute("data-id");
        andWait(() -> again.sendKeys("m"));
        assertEquals(2, crumbs().size());
        assertFalse(ids().contains(id));
    }

    @Test
    void theSortMenuOrdersTheMatchesByDateAndEachCardShowsItsDate() {
        type("an animal");
        andWait(() -> new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("sort"))).selectByValue("date"));
        JsonNode api = http.search(Map.of("text", "an animal", "k", PAGE, "measure", "sum", "sort", "date"));
        assertEquals(apiIds(api), ids(), "the page shows the API's date order");
        List<String> dates = cards().stream().map(c -> java.time.Instant.parse(c.findElement(By.cssSelector("time.date"))
                .getDomAttribute("datetime")).toString()).toList();
        assertEquals(dates.stream().sorted(java.util.Comparator.reverseOrder()).toList(), dates, "newest first");
        assertFalse(cards().get(0).findElement(By.cssSelector("time.date")).getText().isBlank());
        andWait(() -> new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("sort")))
                .selectByValue("relevance"));
        assertEquals(apiIds(http.search(Map.of("text", "an animal", "k", PAGE, "measure", "sum"))), ids(),
                "back to the best match first");
    }

    @Test
    void theFolderFilterListsTheIndexedFolder() {
        WebElement select = driver.findElement(By.id("folder"));
        wait.until(d -> select.findElements(By.tagName("option")).size() == 2);
        type("a horse");
        int before = cards().size();
        andWait(() -> new org.openqa.selenium.support.ui.Select(select).selectByValue(PHOTOS.toString()));
        assertEquals(before, cards().size(), "every photo is in that folder");
    }

    @Test
    void aFolderIsIndexedFromThePageWithProgress() throws Exception {
        try (Fixtures.Served fresh = Fixtures.start(profile.resolve("fresh-index"),
                ServerConfig.local(0).withRoots(List.of(PHOTOS)))) {
            driver.get(fresh.http().base() + "/");
            wait.until(d -> d.findElement(By.id("status")).getText().startsWith("0 photos · model "));
            driver.findElement(By.cssSelector("#index-panel summary")).click();
            WebElement root = driver.findElement(By.id("index-root"));
            wait.until(d -> PHOTOS.toString().equals(root.getDomProperty("value")));
            driver.findElement(By.cssSelector("#index-form button")).click();
            WebElement progress = driver.findElement(By.id("progress-text"));
            wait.until(d -> progress.getText().startsWith("Done"));
            assertEquals("Done: 21 new, 0 updated, 0 removed, 0 skipped", progress.getText());
            wait.until(d -> d.findElement(By.id("status")).getText().startsWith("21 photos · model "));
            wait.until(d -> d.findElement(By.id("folder")).findElements(By.tagName("option")).size() == 2);
            type("a cup of coffee");
            assertEquals("coffee.png", names().get(0));
        }
    }

    @Test
    void aScreenshotOfResults() throws Exception {
        Files.deleteIfExists(SCREENSHOTS.resolve("results.png"));
        drop(PHOTOS.resolve("chelsea.png"));
        chip("cat", "add-minus");
        chip("dog", "add-plus");
        wait.until(d -> (Boolean) js("return [...document.querySelectorAll('#results img')].every(i => i.complete && i.naturalWidth > 0);"));
        WebElement slider = driver.findElement(By.id("cutoff"));
        for (int i = 0; i < 8; i++) {
            slider.sendKeys(Keys.ARROW_RIGHT);
        }
        js("document.activeElement.blur()");
        screenshot("results.png");
        assertTrue(Files.size(SCREENSHOTS.resolve("results.png")) > 50_000);
    }

    private static int[] rgb(String css) {
        String[] p = css.replaceAll("[^0-9,]", "").split(",");
        return new int[]{Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])};
    }

    private static boolean blueish(String css) {
        int[] c = rgb(css);
        return c[2] > c[0] + 60;
    }

    private static boolean reddish(String css) {
        int[] c = rgb(css);
        return c[0] > c[2] + 60;
    }
}
