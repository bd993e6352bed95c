package org.bowline.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * {@code cluster-chat} as the README's "two nodes and Redis on one machine" runs it: Redis and two
 * nodes, each its own process started from the command line; WebSocket clients, then a real
 * browser (Debian's headless Chromium, driven by Selenium), on each node.
 */
class ClusterChatTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static ChatNodes nodes;

    @BeforeAll
    static void startNodes() throws Exception {
        nodes = ChatNodes.start();
    }

    @AfterAll
    static void stopNodes() throws InterruptedException {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void whatIsSaidOnOneNodeIsSeenOnTheOtherAndThePageIsServed() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(nodes.page(0)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<title>Bowline cluster chat</title>"), page.body());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));
        assertEquals(404, http.send(HttpRequest.newBuilder(nodes.page(0).resolve("/other")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());

        BlockingQueue<String> onOne = new LinkedBlockingQueue<>();
        BlockingQueue<String> onTwo = new LinkedBlockingQueue<>();
        Session ada = connect(URI.create(nodes.chat(0) + "?name=ada"), onOne);
        awaitLine(onOne, "* ada joined");
        Session bob = connect(URI.create(nodes.chat(1) + "?name=bob"), onTwo);
        awaitLine(onTwo, "* bob joined");
        awaitLine(onOne, "* bob joined");

        ada.getBasicRemote().sendText("hello from node one");
        awaitLine(onTwo, "ada: hello from node one");
        bob.getBasicRemote().sendText("hello from node two");
        awaitLine(onOne, "bob: hello from node two");
        ada.close();
        bob.close();
    }

    private static Session connect(URI uri, BlockingQueue<String> received) throws Exception {
        return ContainerProvider.getWebSocketContainer().connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.addMessageHandler(String.class, (MessageHandler.Whole<String>) received::add);
            }
        }, ClientEndpointConfig.Builder.create().build(), uri);
    }

    /** Waits for a line starting with {@code prefix}, skipping others (joins and leaves of the other node). */
    private static void awaitLine(BlockingQueue<String> received, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = received.poll(1, TimeUnit.SECONDS);
            if (line != null) {
                if (line.startsWith(prefix)) {
                    return;
                }
                seen.add(line);
            }
        }
        throw new AssertionError("no line starting with '" + prefix + "' within 30 s; got " + seen);
    }

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
        // Other names than the other test's, so its lines cannot pass for these.
        WebDriver one = chromium();
        WebDriver two = null;
        try {
            one.get(nodes.page(0) + "?name=cy");
            awaitText(one, "log", "* cy joined");
            two = chromium();
            two.get(nodes.page(1) + "?name=di");
            awaitText(two, "log", "* di joined");
            awaitText(one, "log", "* di joined");
            awaitText(one, "status", "connected to ws://127.0.0.1:" + nodes.chat(0).getPort() + "/chat");
            awaitText(two, "status", "connected to ws://127.0.0.1:" + nodes.chat(1).getPort() + "/chat");

            one.findElement(By.id("text")).sendKeys("hello from node one" + Keys.ENTER);
            awaitText(two, "log", "cy: hello from node one");
            two.findElement(By.id("text")).sendKeys("hello from node two" + Keys.ENTER);
            awaitText(one, "log", "di: hello from node two");
        } finally {
            one.quit();
            if (two != null) {
                two.quit();
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
