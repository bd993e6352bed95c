package org.bowline.container.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.junit.jupiter.api.Test;

class TlsSettingsTest {

    private static SSLContext newContext() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        return context;
    }

    @Test
    void defaultsLeaveOnlyTls13And12EvenOnAnEngineThatEnabledOlderOnes() throws Exception {
        SSLEngine engine = newContext().createSSLEngine();
        List<String> supported = List.of(engine.getSupportedProtocols());
        assertTrue(supported.contains("TLSv1.1") && supported.contains("TLSv1"), "JSSE still supports them: " + supported);
        engine.setEnabledProtocols(new String[] {"TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"});
        TlsSettings.defaults().applyTo(engine);
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), List.of(engine.getEnabledProtocols()));
    }

    @Test
    void protocolsAndSuitesCanBeChosenFromTextOrArrays() throws Exception {
        SSLContext context = newContext();
        SSLEngine engine = TlsSettings.of("TLSv1.2", new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"})
                .applyTo(context.createSSLEngine());
        assertEquals(List.of("TLSv1.2"), List.of(engine.getEnabledProtocols()));
        assertEquals(List.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"), List.of(engine.getEnabledCipherSuites()));
        TlsSettings both = TlsSettings.defaults().overriddenBy(" TLSv1.3 , TLSv1.2", null);
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), both.protocols());
        assertEquals(List.of(), both.cipherSuites());
    }

    @Test
    void badNamesAreClearErrors() throws Exception {
        SSLEngine engine = newContext().createSSLEngine();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TlsSettings.defaults().withProtocols("TLSv1.4").applyTo(engine));
        assertTrue(e.getMessage().contains("TLSv1.4 is not supported"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TlsSettings.of("TLSv1.2, ,TLSv1.3", null));
        assertTrue(e.getMessage().contains("blank"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TlsSettings.of(42, null));
        assertTrue(e.getMessage().contains("java.lang.Integer"), e.getMessage());
    }
}
