package org.bowline.adapter.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The upgrade service decides each upgrade: accept with a Service (and headers), or refuse with an HTTP answer. */
class UpgradeServiceTest {

    private final Listener listener = new Listener(0, ListenerConfiguration.builder().host("127.0.0.1").build());

    @AfterEach
    void stop() {
        listener.immediateStop();
    }

    private URI url(String path) {
        return URI.create("ws://127.0.0.1:" + listener.port() + path);
    }

    @Test
    void anAcceptedUpgradeOpensTheReturnedServiceAndCarriesItsResponseHeaders() throws Exception {
        listener.attach("/ws", request -> AcceptedUpgrade.of(new EchoService()).withHeader("X-Upgrade-Handled", "true"));
        listener.start();
        RawHttp answer = RawHttp.upgrade(listener.port(), "/ws");
        assertEquals(101, answer.status(), answer.head());
        assertTrue(answer.hasHeader("X-Upgrade-Handled", "true"), answer.head());
        try (JdkClient client = JdkClient.connect(url("/ws"))) {
            client.assertEchoes("hello");
        }
    }

    @Test
    void anUpgradeErrorRefusesWithItsStatusBodyAndHeadersAndNoServiceCallbackRuns() throws Exception {
        AtomicInteger callbacks = new AtomicInteger();
        listener.attach("/ws", request -> {
            if (!"Bearer letmein".equals(request.header("authorization"))) {
                throw new UpgradeError(401, "Missing or wrong bearer token", Map.of("X-Upgrade-Handled", List.of("true")));
            }
            return new EchoService() {
                @Override
                public void onOpen(Caller caller) {
                    callbacks.incrementAndGet();
                }
            };
        });
        listener.start();
        RawHttp refused = RawHttp.upgrade(listener.port(), "/ws", "Authorization: Bearer wrong");
        assertEquals(401, refused.status(), refused.head());
        assertEquals("Missing or wrong bearer token", refused.body());
        assertTrue(refused.hasHeader("X-Upgrade-Handled", "true"), refused.head());
        try (JdkClient client = JdkClient.connect(url("/ws"), "Authorization", "Bearer letmein")) {
            client.assertEchoes("in");
        }
        assertEquals(1, callbacks.get(), "onOpen ran for the accepted connection only");
    }

    @Test
    void anUpgradeErrorWithoutAStatusAnswers400AndTheNamedOnes401And403() throws Exception {
        listener.attach("/plain", request -> {
            throw new UpgradeError("no");
        });
        listener.attach("/auth", request -> {
            throw UpgradeError.unauthorized("who are you?");
        });
        listener.attach("/forbidden", request -> {
            throw UpgradeError.forbidden("not you");
        });
        listener.start();
        assertEquals(400, RawHttp.upgrade(listener.port(), "/plain").status());
        assertEquals(401, RawHttp.upgrade(listener.port(), "/auth").status());
        RawHttp forbidden = RawHttp.upgrade(listener.port(), "/forbidden");
        assertEquals(403, forbidden.status());
        assertEquals("not you", forbidden.body());
    }

    @Test
    void anyOtherExceptionAnswers500WithoutItsDetailsAndTheListenerKeepsServing() throws Exception {
        listener.attach("/broken", request -> {
            throw new IllegalStateException("database password is hunter2");
        });
        listener.attach("/null", request -> null);
        listener.attach("/ws", request -> new EchoService());
        listener.start();
        RawHttp broken = RawHttp.upgrade(listener.port(), "/broken");
        assertEquals(500, broken.status());
        assertFalse(broken.body().contains("hunter2"), broken.body());
        assertEquals(500, RawHttp.upgrade(listener.port(), "/null").status());
        try (JdkClient client = JdkClient.connect(url("/ws"))) {
            client.assertEchoes("still serving");
        }
    }

    @Test
    void theUpgradeRequestShowsMethodPathParametersHeadersCookiesAndTheClientAddress() throws Exception {
        CompletableFuture<UpgradeRequest> seen = new CompletableFuture<>();
        listener.attach("/rooms/{room}/{user}", request -> {
            seen.complete(request);
            return new EchoService();
        });
        listener.start();
        try (JdkClient client = JdkClient.connect(url("/rooms/blue%20sky/ann?lang=en&tag=a&tag=b"),
                "Cookie", "session=abc123; theme=\"dark\"", "X-Trace", "t-1")) {
            UpgradeRequest request = seen.get(10, TimeUnit.SECONDS);
            assertEquals("GET", request.method());
            assertEquals("/rooms/blue sky/ann", request.path());
            assertEquals(Map.of("room", "blue sky", "user", "ann"), request.pathParams());
            assertEquals("blue sky", request.pathParam("room"));
            assertEquals(Map.of("lang", List.of("en"), "tag", List.of("a", "b")), request.queryParams());
            assertEquals("en", request.queryParam("lang"));
            assertEquals("t-1", request.header("x-trace"), "header names are case-insensitive");
            assertEquals("abc123", request.cookie("session"));
            assertEquals("dark", request.cookie("theme"));
            assertNotNull(request.remoteAddress());
            assertEquals("127.0.0.1", request.remoteAddress().getAddress().getHostAddress());
            assertFalse(request.isSecure());
            assertThrowsOnChange(request);
        }
    }

    private static void assertThrowsOnChange(UpgradeRequest request) {
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
                () -> request.headers().put("X", List.of("y")));
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
                () -> request.cookies().put("x", "y"));
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
                () -> request.pathParams().put("x", "y"));
    }
}
