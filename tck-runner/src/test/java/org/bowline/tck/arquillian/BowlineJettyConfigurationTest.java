package org.bowline.tck.arquillian;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bowline.tck.jetty.JettySettings;
import org.jboss.arquillian.container.spi.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BowlineJettyConfigurationTest {

    @Test
    void defaultsAreLoopbackAnyPortPlainHttp() {
        BowlineJettyConfiguration c = new BowlineJettyConfiguration();
        assertDoesNotThrow(c::validate);
        JettySettings s = c.toSettings();
        assertEquals("127.0.0.1", s.host());
        assertEquals(0, s.port());
        assertNull(s.tls());
        assertNull(s.realm());
    }

    @Test
    void portOutOfRangeIsRefusedNamingTheProperty() {
        BowlineJettyConfiguration c = new BowlineJettyConfiguration();
        c.setPort(70000);
        ConfigurationException e = assertThrows(ConfigurationException.class, c::validate);
        assertTrue(e.getMessage().contains("'port'"), e.getMessage());
    }

    @Test
    void tlsWithoutKeyStoreIsRefusedNamingTheProperty() {
        BowlineJettyConfiguration c = new BowlineJettyConfiguration();
        c.setTls(true);
        ConfigurationException e = assertThrows(ConfigurationException.class, c::validate);
        assertTrue(e.getMessage().contains("'keyStorePath'"), e.getMessage());
    }

    @Test
    void tlsWithKeyStoreGivesSecureSettings(@TempDir Path dir) throws Exception {
        Path store = Files.writeString(dir.resolve("server.p12"), "not checked here");
        BowlineJettyConfiguration c = new BowlineJettyConfiguration();
        c.setTls(true);
        c.setKeyStorePath(store.toString());
        c.setKeyStorePassword("secret");
        c.validate();
        assertTrue(c.toSettings().secure());
        assertEquals(store, c.toSettings().tls().path());
    }

    @Test
    void realmNeedsAnExistingUsersFile(@TempDir Path dir) {
        BowlineJettyConfiguration c = new BowlineJettyConfiguration();
        c.setRealmName("bowline");
        c.setRealmUsersFile(dir.resolve("missing.properties").toString());
        ConfigurationException e = assertThrows(ConfigurationException.class, c::validate);
        assertTrue(e.getMessage().contains("'realmUsersFile'"), e.getMessage());
    }
}
