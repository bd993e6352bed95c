package org.bowline.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium page talks to the registry scenario's descriptor endpoint:
 * {@code new WebSocket(".../websockets/v4/service/my-endpoint")}, then {@code send('hello')}.
 * Needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver).
 */
class RegistryChromiumTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @Test
    void aBrowserPageReachesTheHandlerWithOnmessageHello() throws Exception {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(CHROMIUM)) {
            missing.add(CHROMIUM + " (apt-get install -y chromium)");
        }
        if (!Files.isExecutable(CHROMEDRIVER)) {
            missing.add(CHROMEDRIVER + " (apt-get install -y chromium-driver)");
        }
        ExternalPeers.require("Headless Chromium", missing);

        try (RegistryProcess registry = new RegistryProcess("--port", "0")) {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                    .usingAnyFreePort()
                    .build();
            ChromeDriver browser = new ChromeDriver(service, options);
            // The page comes from a loopback HTTP server, as a developer's page would: Chromium keeps
            // pages without an origin (about:blank, data:) from reaching loopback addresses.
            HttpServer page = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            page.createContext("/", exchange -> {
                byte[] body = "<!doctype html><title>registry</title><p>registry test page".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            page.start();
            try {
                browser.get("http://127.0.0.1:" + page.getAddress().getPort() + "/");
                browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
                Object reply = ((JavascriptExecutor) browser).executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                        + "const ws = new WebSocket(arguments[0]);"
                        + "ws.onopen = () => ws.send('hello');"
                        + "ws.onmessage = event => { done(event.data); ws.close(); };"
                        + "ws.onerror = () => done('websocket error');",
                        registry.url);
                assertEquals("Echo: hello", reply);
                assertEquals("onopen", registry.nextLine(20));
                assertEquals("onmessage hello", registry.nextLine(20));
                assertEquals("onclose", registry.nextLine(20));
            } finally {
                browser.quit();
                page.stop(0);
            }
        }
    }
}
