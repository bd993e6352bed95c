package org.bowline.tck.arquillian;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bowline.tck.jetty.JettySettings;
import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/**
 * The container's settings, as written in arquillian.xml:
 * <pre>{@code
 * <container qualifier="bowline-jetty" default="true">
 *   <configuration>
 *     <property name="host">127.0.0.1</property>
 *     <property name="port">0</property>                 <!-- 0 = any free port -->
 *     <property name="tls">false</property>              <!-- true needs keyStorePath/-Password -->
 *     <property name="keyStorePath">/path/server.p12</property>
 *     <property name="keyStorePassword">secret</property>
 *     <property name="realmName">bowline</property>      <!-- for WARs with a login-config -->
 *     <property name="realmUsersFile">/path/users.properties</property>
 *   </configuration>
 * </container>
 * }</pre>
 */
public class BowlineJettyConfiguration implements ContainerConfiguration {

    private String host = "127.0.0.1";
    private int port;
    private boolean tls;
    private String keyStorePath;
    private String keyStorePassword;
    private String keyStoreType = "PKCS12";
    private String realmName;
    private String realmUsersFile;

    @Override
    public void validate() throws ConfigurationException {
        if (host == null || host.isBlank()) {
            throw new ConfigurationException("bowline-jetty: 'host' must name an address to bind");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigurationException("bowline-jetty: 'port' must be 0..65535 (0 = any free port), was "
                    + port);
        }
        if (tls) {
            requireFile("keyStorePath", keyStorePath, "tls is true");
            if (keyStorePassword == null) {
                throw new ConfigurationException("bowline-jetty: 'keyStorePassword' must be set when tls is true");
            }
        }
        if (realmName != null || realmUsersFile != null) {
            if (realmName == null || realmName.isBlank()) {
                throw new ConfigurationException("bowline-jetty: 'realmName' must be set with 'realmUsersFile'");
            }
            requireFile("realmUsersFile", realmUsersFile, "realmName is set");
        }
    }

    private static void requireFile(String property, String value, String because) throws ConfigurationException {
        if (value == null || value.isBlank()) {
            throw new ConfigurationException("bowline-jetty: '" + property + "' must be set when " + because);
        }
        if (!Files.isRegularFile(Path.of(value))) {
            throw new ConfigurationException("bowline-jetty: '" + property + "' names no readable file: " + value);
        }
    }

    /** The validated settings as the embedded server takes them. */
    JettySettings toSettings() {
        JettySettings.KeyStoreSettings keyStore = tls
                ? new JettySettings.KeyStoreSettings(Path.of(keyStorePath), keyStorePassword, keyStoreType)
                : null;
        JettySettings.RealmSettings realm = realmName != null
                ? new JettySettings.RealmSettings(realmName, Path.of(realmUsersFile))
                : null;
        return new JettySettings(host, port, keyStore, realm);
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public boolean isTls() {
        return tls;
    }

    public void setTls(boolean tls) {
        this.tls = tls;
    }

    public String getKeyStorePath() {
        return keyStorePath;
    }

    public void setKeyStorePath(String keyStorePath) {
        this.keyStorePath = keyStorePath;
    }

    public String getKeyStorePassword() {
        return keyStorePassword;
    }

    public void setKeyStorePassword(String keyStorePassword) {
        this.keyStorePassword = keyStorePassword;
    }

    public String getKeyStoreType() {
        return keyStoreType;
    }

    public void setKeyStoreType(String keyStoreType) {
        this.keyStoreType = keyStoreType;
    }

    public String getRealmName() {
        return realmName;
    }

    public void setRealmName(String realmName) {
        this.realmName = realmName;
    }

    public String getRealmUsersFile() {
        return realmUsersFile;
    }

    public void setRealmUsersFile(String realmUsersFile) {
        this.realmUsersFile = realmUsersFile;
    }
}
