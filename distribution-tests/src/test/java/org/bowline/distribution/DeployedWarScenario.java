package org.bowline.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One server distribution, laid out by the README's steps, run as its own process, with the test WAR
 * deployed as {@code my-app.war}: driven by Bowline's client and by Node's ws, undeployed (every
 * Bowline thread must be gone), redeployed (it must serve again), and stopped (its log must hold no
 * warning: the server's own leak warnings are failures). The steps run in order on one server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class DeployedWarScenario {

    static final String WAR_NAME = "my-app.war";
    static final String CONTEXT = "/my-app";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(60);
    /** Undeploy must have stopped Bowline's threads by the time the server reports it; this only absorbs that report's lag. */
    private static final Duration THREADS_GONE_TIMEOUT = Duration.ofSeconds(5);

    protected final Readme readme;
    protected Path work;
    protected int port;
    protected ServerProcess server;
    private Path war;

    DeployedWarScenario() {
        try {
            readme = Readme.load();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the README's layout steps in {@code work}, where the downloads and my-app.war lie; returns the directory of deployed WARs. */
    abstract Path layOut(Path work) throws Exception;

    /** Starts the server as the README says, on {@link #port}. */
    abstract ServerProcess start(Path work) throws Exception;

    /** Lines of the server's log that are failures (warnings, errors, leak reports). */
    abstract Pattern problems();

    /** Log lines that match {@link #problems()} but are no failure: the server's notes about its machine. */
    List<Pattern> toleratedWarnings() {
        return List.of();
    }

    /** Log lines that match {@link #problems()} and must be there: the warnings this layout is documented to log. */
    List<Pattern> expectedWarnings() {
        return List.of();
    }

    /** How the class name of the WebSocket container that serves the WAR starts: Bowline's, unless a subclass says otherwise. */
    String provider() {
        return "org.bowline.";
    }

    /** The WAR this scenario deploys: the test WAR, which carries Bowline in WEB-INF/lib, unless a subclass says otherwise. */
    Path testWar() throws IOException {
        return Settings.path("bowline.war");
    }

    URI http(String path) {
        return URI.create("http://127.0.0.1:" + port + CONTEXT + path);
    }

    URI ws() {
        return URI.create("ws://127.0.0.1:" + port + CONTEXT);
    }

    @BeforeAll
    void layOutAndStart() throws Exception {
        work = Settings.path("bowline.work").resolve(getClass().getSimpleName());
        deleteRecursively(work);
        Files.createDirectories(work);
        // The downloaded archives as a user has them, in the directory the README's steps start in.
        try (Stream<Path> downloads = Files.list(Settings.path("bowline.downloads"))) {
            for (Path download : downloads.toList()) {
                Files.createSymbolicLink(work.resolve(download.getFileName()), download);
            }
        }
        Path jettyBase = Settings.path("bowline.jettyBase");
        Files.createSymbolicLink(work.resolve(jettyBase.getFileName()), jettyBase);
        Files.copy(testWar(), work.resolve(WAR_NAME));
        port = ServerProcess.freePort();
        Path webapps = layOut(work);
        war = webapps.resolve(WAR_NAME);
        server = start(work);
        server.await("my-app serves " + http("/index.html"), START_TIMEOUT.plus(DEPLOY_TIMEOUT),
                () -> Http.status(http("/index.html")) == 200);
    }

    @AfterAll
    void killIfStillRunning() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(10)
    void bowlinesClientTalksToEveryEndpoint() throws Exception {
        BowlineClientChecks.run(ws(), provider());
    }

    @Test
    @Order(20)
    void nodeWsTalksToEveryEndpoint() throws Exception {
        NodeWsChecks.run(ws());
    }

    @Test
    @Order(50)
    void undeployingTheWarStopsEveryBowlineThread() throws Exception {
        undeploy();
        AtomicReference<List<String>> left = new AtomicReference<>();
        try {
            server.await("no Bowline thread is left after undeploy", THREADS_GONE_TIMEOUT, () -> {
                left.set(bowlineThreads());
                return left.get().isEmpty();
            });
        } catch (AssertionError e) {
            throw new AssertionError("Bowline threads still alive after my-app was undeployed: " + left.get(), e);
        }
    }

    @Test
    @Order(60)
    void redeployedWarServesAgain() throws Exception {
        if (Files.exists(war)) {
            undeploy();
        }
        // One rename into webapps/, so the server never sees a half-copied WAR.
        Files.move(undeployed(), war, StandardCopyOption.ATOMIC_MOVE);
        server.await("my-app is deployed again", DEPLOY_TIMEOUT, () -> Http.status(http("/index.html")) == 200);
        BowlineClientChecks.run(ws(), provider());
    }

    /** Moves the WAR out of webapps/, as a user undeploys it, and waits until the server has. */
    private void undeploy() throws Exception {
        int logBefore = server.log().length();
        Files.move(war, undeployed(), StandardCopyOption.ATOMIC_MOVE);
        awaitUndeployed(logBefore);
    }

    /**
     * Waits until the server no longer serves my-app, whose WAR has just left webapps/ ({@code logBefore}: how
     * long the server's log was then): until it answers 404, unless a subclass says otherwise.
     */
    void awaitUndeployed(int logBefore) throws Exception {
        server.await("my-app is undeployed (404)", DEPLOY_TIMEOUT, () -> Http.status(http("/index.html")) == 404);
    }

    private Path undeployed() {
        return work.resolve("undeployed-" + WAR_NAME);
    }

    @Test
    @Order(90)
    void stopsWithoutAWarningInItsLog() throws Exception {
        server.stop();
        List<String> problems = server.log().lines().filter(problems().asPredicate()).toList();
        for (Pattern expected : expectedWarnings()) {
            assertTrue(problems.stream().anyMatch(expected.asPredicate()),
                    "the server's log " + server.logFile() + " has no line like " + expected);
        }
        List<Pattern> accepted = new ArrayList<>(toleratedWarnings());
        accepted.addAll(expectedWarnings());
        List<String> unexpected = problems.stream()
                .filter(line -> accepted.stream().noneMatch(pattern -> pattern.matcher(line).find()))
                .toList();
        assertEquals(List.of(), unexpected, "warnings and errors in the server's log " + server.logFile());
    }

    private List<String> bowlineThreads() {
        try {
            return server.threadNames().stream().filter(name -> name.toLowerCase().contains("bowline")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
