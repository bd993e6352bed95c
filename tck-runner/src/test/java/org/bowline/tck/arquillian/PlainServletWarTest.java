package org.bowline.tck.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import org.bowline.tck.fixtures.Http;
import org.bowline.tck.fixtures.Wars;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A plain servlet WAR through Arquillian: deployed at /x for x.war, its URL reported with the real port. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PlainServletWarTest {

    @Deployment(testable = false)
    static WebArchive war() {
        return Wars.plain("plain-servlets.war");
    }

    @ArquillianResource
    URL base;

    @Test
    void reportedUrlIsTheWarsContextOnTheBoundPort() {
        assertEquals("http", base.getProtocol());
        assertEquals("127.0.0.1", base.getHost());
        assertNotEquals(0, base.getPort(), "the ephemeral port actually bound is reported");
        assertEquals("/plain-servlets/", base.getPath());
    }

    @Test
    void warIsServedThroughTheReportedUrl() throws Exception {
        Http.Response hello = Http.get(new URL(base, "hello"));
        assertEquals(200, hello.status());
        assertTrue(hello.body().contains("WebAppClassLoader"), hello.body());
        assertEquals("library", Http.get(new URL(base, "from-library")).body());
    }
}
