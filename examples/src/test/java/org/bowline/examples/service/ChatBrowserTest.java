package org.bowline.examples.service;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.bowline.examples.ExternalPeers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * {@code chat} in a real browser: two headless Chromium pages open the page the scenario serves,
 * join under two names, exchange messages and see each other join and leave.
 */
class ChatBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void twoPagesExchangeMessagesAndSeeEachOtherJoinAndLeave() throws Exception {
        List<String> missing = new ArrayList<>();
        if (!java.nio.file.Files.isExecutable(CHROMIUM)) {
            missing.add(CHROMIUM + " (apt-get install chromium)");
        }
        if (!java.nio.file.Files.isExecutable(CHROMEDRIVER)) {
            missing.add(CHROMEDRIVER + " (apt-get install chromium-driver)");
        }
        ExternalPeers.require("Headless Chromium", missing);

        try (ScenarioProcess scenario = ScenarioProcess.start("chat", "--port", "0")) {
            URI ready = scenario.awaitReady();
            String page = "http://127.0.0.1:" + ready.getPort() + "/";
            WebDriver ann = browser();
            try {
                WebDriver bob = browser();
                try {
                    join(ann, page, "ann");
                    awaitLine(ann, "ann joined");
                    join(bob, page, "bob");
                    awaitLine(bob, "bob joined");
                    awaitLine(ann, "bob joined");

                    say(ann, "hello bob");
                    awaitLine(ann, "ann: hello bob");
                    awaitLine(bob, "ann: hello bob");
                    say(bob, "hi ann");
                    awaitLine(bob, "bob: hi ann");
                    awaitLine(ann, "bob: hi ann");
                } finally {
                    bob.quit();
                }
                awaitLine(ann, "bob left");
            } finally {
                ann.quit();
            }
        }
    }

    private static WebDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static void join(WebDriver driver, String page, String name) {
        driver.get(page);
        driver.findElement(By.id("name")).sendKeys(name);
        driver.findElement(By.id("join")).click();
        await(driver, "the page to connect", d -> d.findElement(By.id("status")).getText().equals("connected"));
    }

    private static void say(WebDriver driver, String message) {
        driver.findElement(By.id("message")).sendKeys(message);
        driver.findElement(By.id("send")).click();
    }

    private static void awaitLine(WebDriver driver, String line) {
        await(driver, "the line '" + line + "'", d -> d.findElements(By.cssSelector("#log li")).stream()
                .map(WebElement::getText).anyMatch(line::equals));
    }

    /** Polls the page until the condition holds, as a user watching it would, or fails saying what the log shows. */
    private static void await(WebDriver driver, String what, java.util.function.Predicate<WebDriver> condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.test(driver)) {
            if (System.nanoTime() > deadline) {
                List<String> shown = driver.findElements(By.cssSelector("#log li")).stream()
                        .map(WebElement::getText).toList();
                assertTrue(false, "the page never showed " + what + "; its log shows " + shown);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
