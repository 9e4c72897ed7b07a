package dev.loupe.server;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Headless Chromium from the system's packages (Debian {@code chromium} and {@code chromium-driver}), driven by
 * Selenium; nothing is downloaded. {@code LOUPE_CHROMIUM} and {@code LOUPE_CHROMEDRIVER} override the paths.
 */
final class Browser {
    private Browser() {
    }

    static ChromeDriver start(Path profile) {
        String chromium = System.getenv().getOrDefault("LOUPE_CHROMIUM", "/usr/bin/chromium");
        String driver = System.getenv().getOrDefault("LOUPE_CHROMEDRIVER", "/usr/bin/chromedriver");
        for (String exe : new String[]{chromium, driver}) {
            if (!Files.isExecutable(Path.of(exe))) {
                throw new IllegalStateException(exe + " is missing: install the browser with "
                        + "'apt-get install -y chromium chromium-driver' (.ci/run does), or set LOUPE_CHROMIUM and "
                        + "LOUPE_CHROMEDRIVER");
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--disable-extensions", "--window-size=1360,1000", "--force-device-scale-factor=1",
                "--lang=en-US", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driver)).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
