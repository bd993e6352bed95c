package org.bowline.adapter.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** Self-signed key stores made with the JDK's own keytool (a JVM start each: make few), and trust stores that trust them. */
final class TestCertificates {

    static final String PASSWORD = "changeit";

    private TestCertificates() {
    }

    /** A PKCS12 key store with one self-signed certificate whose subject alternative names are {@code san} (keytool syntax). */
    static Path keyStore(Path dir, String name, String san) throws IOException, InterruptedException {
        Path store = dir.resolve(name + "-keystore.p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "SAN=" + san, "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        return store;
    }

    /** A PKCS12 trust store holding the certificate of {@code keyStore}'s entry {@code name}. */
    static Path trustStore(Path dir, Path keyStore, String name) throws IOException, GeneralSecurityException {
        KeyStore keys = load(keyStore);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry(name, keys.getCertificate(name));
        Path store = dir.resolve(name + "-truststore.p12");
        try (OutputStream out = Files.newOutputStream(store)) {
            trust.store(out, PASSWORD.toCharArray());
        }
        return store;
    }

    private static KeyStore load(Path path) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    static SSLContext serverContext(Path keyStore) throws IOException, GeneralSecurityException {
        KeyStore store = load(keyStore);
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("keytool " + String.join(" ", arguments) + " failed: " + output);
        }
    }
}
