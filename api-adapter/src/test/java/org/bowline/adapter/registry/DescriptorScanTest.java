package org.bowline.adapter.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NAME.websocket files found in a folder and on the class path; each broken one reported by its file. */
class DescriptorScanTest {

    private static final String GOOD = "{\"handler\": \"my-project/ws-handler\", \"endpoint\": \"my-endpoint\", \"description\": \"My Websocket\"}";

    @Test
    void readsEveryDescriptorInTheFolderAndItsSubfolders(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("my-endpoint.websocket"), GOOD);
        Files.createDirectories(dir.resolve("more/deeper"));
        Files.writeString(dir.resolve("more/deeper/other.websocket"), "{\"handler\": \"h\", \"endpoint\": \"chat/room-1\"}");
        Files.writeString(dir.resolve("notes.json"), "not a descriptor, not read");

        DescriptorScan scan = DescriptorScan.of(dir, null);

        assertEquals(List.of(), scan.problems());
        assertEquals(List.of(
                new EndpointDescriptor("h", "chat/room-1", "", dir.resolve("more/deeper/other.websocket").toString()),
                new EndpointDescriptor("my-project/ws-handler", "my-endpoint", "My Websocket", dir.resolve("my-endpoint.websocket").toString())),
                scan.descriptors());
    }

    @Test
    void eachBrokenDescriptorIsReportedWithItsFileNameAndTheOthersAreStillRead(@TempDir Path dir) throws Exception {
        Map<String, String> broken = Map.of(
                "malformed.websocket", "{\"handler\": \"h\", \"endpoint\": ",
                "no-handler.websocket", "{\"endpoint\": \"e1\"}",
                "no-endpoint.websocket", "{\"handler\": \"h\"}",
                "number.websocket", "{\"handler\": 42, \"endpoint\": \"e2\"}",
                "empty.websocket", "",
                "array.websocket", "[\"handler\", \"endpoint\"]",
                "bad-endpoint.websocket", "{\"handler\": \"h\", \"endpoint\": \"a b?c\"}",
                "trailing.websocket", GOOD + " {}",
                "twice.websocket", "{\"handler\": \"h\", \"handler\": \"g\", \"endpoint\": \"e3\"}");
        for (Map.Entry<String, String> file : broken.entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue());
        }
        Files.writeString(dir.resolve("good.websocket"), GOOD);

        DescriptorScan scan = DescriptorScan.of(dir, null);

        assertEquals(List.of("my-endpoint"), scan.descriptors().stream().map(EndpointDescriptor::endpoint).toList());
        Map<String, String> problems = scan.problems().stream().collect(Collectors.toMap(
                p -> Path.of(p.source()).getFileName().toString(), DescriptorProblem::problem));
        assertEquals(broken.keySet(), problems.keySet(), "every broken file, by name: " + scan.problems());
        assertTrue(problems.get("malformed.websocket").startsWith("malformed JSON"), problems.toString());
        assertEquals("missing field 'handler'", problems.get("no-handler.websocket"));
        assertEquals("missing field 'endpoint'", problems.get("no-endpoint.websocket"));
        assertEquals("field 'handler' must be a non-empty string", problems.get("number.websocket"));
        assertTrue(problems.get("empty.websocket").contains("empty"), problems.toString());
        assertTrue(problems.get("array.websocket").contains("a JSON object is expected"), problems.toString());
        assertTrue(problems.get("bad-endpoint.websocket").contains("invalid endpoint 'a b?c'"), problems.toString());
        assertTrue(problems.get("trailing.websocket").startsWith("malformed JSON"), problems.toString());
        assertTrue(problems.get("twice.websocket").contains("handler"), problems.toString());
        for (DescriptorProblem problem : scan.problems()) {
            assertTrue(problem.toString().startsWith(dir.resolve(Path.of(problem.source()).getFileName()).toString() + ": "),
                    problem.toString());
        }
    }

    @Test
    void aMissingFolderIsReportedByName(@TempDir Path dir) {
        Path missing = dir.resolve("nowhere");
        DescriptorScan scan = DescriptorScan.of(missing, null);
        assertEquals(List.of(new DescriptorProblem(missing.toString(), "not a readable folder")), scan.problems());
    }

    @Test
    void findsDescriptorsOnTheClassPathInFoldersAndInJars(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("handlers.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/"));
            out.putNextEntry(new JarEntry("META-INF/websockets/"));
            out.putNextEntry(new JarEntry("META-INF/websockets/in-jar.websocket"));
            write(out, "{\"handler\": \"test/discovered\", \"endpoint\": \"from-jar\"}");
            out.putNextEntry(new JarEntry("META-INF/websockets/broken.websocket"));
            write(out, "{");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            DescriptorScan scan = DescriptorScan.of(null, loader);
            Map<String, EndpointDescriptor> byEndpoint = scan.descriptors().stream()
                    .collect(Collectors.toMap(EndpointDescriptor::endpoint, Function.identity()));
            assertEquals("test/discovered", byEndpoint.get("from-class-path").handler(), "the test resources' folder");
            assertTrue(byEndpoint.get("from-jar").source().endsWith("handlers.jar!/META-INF/websockets/in-jar.websocket"),
                    byEndpoint.get("from-jar").source());
            assertEquals(1, scan.problems().size(), scan.problems().toString());
            assertTrue(scan.problems().get(0).source().endsWith("handlers.jar!/META-INF/websockets/broken.websocket"));
        }
    }

    private static void write(OutputStream out, String text) throws java.io.IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
