package org.bowline.adapter.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The descriptors found, and the files that could not be read as one. Descriptors are the
 * {@code *.websocket} files in a folder (and its subfolders) and, on the class path, under
 * {@value #CLASS_PATH_FOLDER} in directories and jars. Each list is in a fixed order: the folder's
 * files by path, then the class path's.
 */
public record DescriptorScan(List<EndpointDescriptor> descriptors, List<DescriptorProblem> problems) {

    /** Where descriptors live on the class path. */
    public static final String CLASS_PATH_FOLDER = "META-INF/websockets";
    public static final String SUFFIX = ".websocket";

    public DescriptorScan {
        descriptors = List.copyOf(descriptors);
        problems = List.copyOf(problems);
    }

    /** The folder's descriptors (none if {@code folder} is null) then the class path's. */
    public static DescriptorScan of(Path folder, ClassLoader classPath) {
        List<EndpointDescriptor> found = new ArrayList<>();
        List<DescriptorProblem> problems = new ArrayList<>();
        if (folder != null) {
            scanFolder(folder, found, problems);
        }
        if (classPath != null) {
            scanClassPath(classPath, found, problems);
        }
        return new DescriptorScan(found, problems);
    }

    private static void scanFolder(Path folder, List<EndpointDescriptor> found, List<DescriptorProblem> problems) {
        if (!Files.isDirectory(folder)) {
            problems.add(new DescriptorProblem(folder.toString(), "not a readable folder"));
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            problems.add(new DescriptorProblem(folder.toString(), "cannot be listed: " + e.getMessage()));
            return;
        }
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                read(in, file.toString(), found, problems);
            } catch (IOException e) {
                problems.add(new DescriptorProblem(file.toString(), "cannot be read: " + e.getMessage()));
            }
        }
    }

    private static void scanClassPath(ClassLoader loader, List<EndpointDescriptor> found, List<DescriptorProblem> problems) {
        Enumeration<URL> roots;
        try {
            roots = loader.getResources(CLASS_PATH_FOLDER);
        } catch (IOException e) {
            problems.add(new DescriptorProblem("class path " + CLASS_PATH_FOLDER, "cannot be listed: " + e.getMessage()));
            return;
        }
        for (URL root : Collections.list(roots)) {
            try {
                if ("file".equals(root.getProtocol())) {
                    scanFolder(Path.of(root.toURI()), found, problems);
                } else {
                    scanJar(root, found, problems);
                }
            } catch (IOException | URISyntaxException | RuntimeException e) {
                problems.add(new DescriptorProblem(root.toString(), "cannot be listed: " + e.getMessage()));
            }
        }
    }

    /** A jar's entries under the folder; other URL kinds (a server's own) are listed through their connection. */
    private static void scanJar(URL root, List<EndpointDescriptor> found, List<DescriptorProblem> problems) throws IOException {
        URLConnection connection = root.openConnection();
        if (!(connection instanceof JarURLConnection jarConnection)) {
            problems.add(new DescriptorProblem(root.toString(), "descriptors can be found in folders and jars only"));
            return;
        }
        jarConnection.setUseCaches(false);
        try (JarFile jar = jarConnection.getJarFile()) {
            String prefix = jarConnection.getEntryName() == null ? CLASS_PATH_FOLDER + "/" : jarConnection.getEntryName() + "/";
            List<JarEntry> entries = jar.stream()
                    .filter(e -> !e.isDirectory() && e.getName().startsWith(prefix) && e.getName().endsWith(SUFFIX))
                    .sorted((a, b) -> a.getName().compareTo(b.getName()))
                    .toList();
            String jarName = jar.getName();
            for (JarEntry entry : entries) {
                String source = jarName + "!/" + entry.getName();
                try (InputStream in = jar.getInputStream(entry)) {
                    read(in, source, found, problems);
                } catch (IOException e) {
                    problems.add(new DescriptorProblem(source, "cannot be read: " + e.getMessage()));
                }
            }
        }
    }

    private static void read(InputStream in, String source, List<EndpointDescriptor> found, List<DescriptorProblem> problems) {
        try {
            found.add(DescriptorParser.parse(in, source));
        } catch (DescriptorParser.DescriptorException e) {
            problems.add(new DescriptorProblem(source, e.getMessage()));
        }
    }
}
