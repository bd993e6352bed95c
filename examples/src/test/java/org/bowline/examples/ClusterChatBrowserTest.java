package org.bowline.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The README's two-node chat with a real browser on each node: Debian's headless Chromium, driven
 * by Selenium, opens each node's page and types; the other browser shows it.
 */
class ClusterChatBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @Test
    void aBrowserOnEachNodeSeesWhatTheOtherTypes() throws Exception {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(CHROMIUM)) {
            missing.add(CHROMIUM + " is missing (Debian: apt-get install chromium)");
        }
        if (!Files.isExecutable(CHROMEDRIVER)) {
            missing.add(CHROMEDRIVER + " is missing (Debian: apt-get install chromium-driver)");
        }
        ExternalPeers.require("Headless Chromium", missing);
        try (ChatNodes nodes = ChatNodes.start()) {
            WebDriver one = chromium();
            WebDriver two = null;
            try {
                one.get(nodes.page(0) + "?name=ada");
                awaitText(one, "log", "* ada joined");
                two = chromium();
                two.get(nodes.page(1) + "?name=bob");
                awaitText(two, "log", "* bob joined");
                awaitText(one, "log", "* bob joined");
                awaitText(one, "status", "connected to ws://127.0.0.1:" + nodes.chat(0).getPort() + "/chat");
                awaitText(two, "status", "connected to ws://127.0.0.1:" + nodes.chat(1).getPort() + "/chat");

                one.findElement(By.id("text")).sendKeys("hello from node one" + Keys.ENTER);
                awaitText(two, "log", "ada: hello from node one");
                two.findElement(By.id("text")).sendKeys("hello from node two" + Keys.ENTER);
                awaitText(one, "log", "bob: hello from node two");
            } finally {
                one.quit();
                if (two != null) {
                    two.quit();
                }
            }
        }
    }

    private static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /** Waits up to 30 s for the element's text to contain {@code expected}. */
    private static void awaitText(WebDriver browser, String id, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String text = "";
        while (System.nanoTime() < deadline) {
            text = browser.findElement(By.id(id)).getText();
            if (text.contains(expected)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("#" + id + " did not show '" + expected + "' within 30 s; it shows: " + text);
    }
}
