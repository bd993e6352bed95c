package org.bowline.adapter.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Handlers registered by name, programmatically or found through ServiceLoader by their @HandlerName. */
class HandlerRegistryTest {

    @Test
    void findsAProgrammaticallyRegisteredHandlerByName() {
        WebsocketHandler handler = context -> { };
        HandlerRegistry registry = new HandlerRegistry().register("my-project/ws-handler", handler);
        assertSame(handler, registry.handler("my-project/ws-handler"));
        assertTrue(registry.contains("my-project/ws-handler"));
        assertEquals(Set.of("my-project/ws-handler"), registry.names());
    }

    @Test
    void aNameRegisteredTwiceIsRefusedNamingIt() {
        HandlerRegistry registry = new HandlerRegistry().register("a/b", context -> { });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.register("a/b", context -> { }));
        assertTrue(e.getMessage().contains("'a/b'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> registry.register(" ", context -> { }));
    }

    @Test
    void anUnknownHandlerOrEngineIsAnExceptionNamingIt() {
        HandlerRegistry registry = new HandlerRegistry().register("known", context -> { });
        UnknownHandlerException handler = assertThrows(UnknownHandlerException.class, () -> registry.handler("nope/none"));
        assertEquals("nope/none", handler.name());
        assertTrue(handler.getMessage().contains("'nope/none'") && handler.getMessage().contains("[known]"), handler.getMessage());
        UnknownEngineException engine = assertThrows(UnknownEngineException.class, () -> registry.engine("graaljs"));
        assertEquals("graaljs", engine.name());
        assertTrue(engine.getMessage().contains("'graaljs'") && engine.getMessage().contains("[java]"), engine.getMessage());
    }

    @Test
    void discoversAnnotatedHandlersThroughServiceLoader() {
        HandlerRegistry registry = HandlerRegistry.discover(getClass().getClassLoader());
        assertInstanceOf(DiscoveredHandler.class, registry.handler("test/discovered"));
    }

    @Test
    void aListedHandlerWithoutItsNameIsReportedNamingTheClass(@TempDir Path dir) throws Exception {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(WebsocketHandler.class.getName()), UnnamedHandler.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> HandlerRegistry.discover(loader));
            assertTrue(e.getMessage().contains(UnnamedHandler.class.getName()) && e.getMessage().contains("@HandlerName"),
                    e.getMessage());
        }
    }

    @Test
    void aListedClassThatCannotBeLoadedIsReportedNamingIt(@TempDir Path dir) throws Exception {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(WebsocketHandler.class.getName()), "com.example.Missing\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> HandlerRegistry.discover(loader));
            assertTrue(e.getMessage().contains("com.example.Missing"), e.getMessage());
        }
    }
}
