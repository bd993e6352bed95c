package org.bowline.container.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The request URI of an upgrade, and its plain form that is settled without java.net.URI's parser. */
class RequestUriTest {

    private static HttpRequestHead head(String target, String host) {
        HttpHeaders headers = new HttpHeaders();
        if (host != null) {
            headers.add("Host", host);
        }
        return new HttpRequestHead("GET", target, "HTTP/1.1", headers);
    }

    @Test
    void requestUriFollowsTheTargetForm() throws HttpParseException {
        assertEquals(URI.create("ws://example.com:8080/p?q=1"),
                RequestUri.of(head("/p?q=1#frag", "example.com:8080"), false).toUri());
        assertEquals(URI.create("wss://other/p"), RequestUri.of(head("https://other/p", "x"), false).toUri());
        assertEquals(URI.create("ws://other/p"), RequestUri.of(head("ws://other/p", "x"), true).toUri());
        assertEquals(400, assertThrows(HttpParseException.class,
                () -> RequestUri.of(head("/p", null), false)).status());
        assertEquals(400, assertThrows(HttpParseException.class,
                () -> RequestUri.of(head("/p", "a b"), false)).status());
    }

    @Test
    void theQueryIsTheRawTextAfterTheFirstQuestionMark() throws HttpParseException {
        RequestUri uri = RequestUri.of(head("/chat?room=a%20b&x=?y", "localhost:80"), true);
        assertEquals("room=a%20b&x=?y", uri.rawQuery());
        assertEquals(uri.toUri().getRawQuery(), uri.rawQuery());
        assertEquals("wss://localhost:80/chat?room=a%20b&x=?y", uri.text());
        assertTrue(uri.isSecure());
        assertEquals(null, RequestUri.of(head("/chat", "localhost"), false).rawQuery());
        assertFalse(RequestUri.of(head("/chat", "localhost"), false).isSecure());
    }

    @Test
    void everydayRequestsTakeThePlainForm() {
        for (String target : List.of("/", "/echo", "/chat/room-1?user=a%20b&x", "/a/b;c=d/e:f@g!$&'()*+,=~_.")) {
            assertTrue(RequestUri.isPlainOriginForm(target), target);
        }
        for (String host : List.of("localhost", "localhost:8080", "127.0.0.1", "10.0.0.255:443", "example.com",
                "ws.example-1.org:65535", "xn--bcher-kva.example", "a1", "12345")) {
            assertTrue(RequestUri.isPlainHost(host), host);
        }
    }

    @Test
    void whatThePlainFormDoesNotCoverIsLeftToUri() {
        for (String target : List.of("", "*", "//h/p", "ws://h/p", "/a b", "/a%2", "/a%zz", "/é", "/a#f", "/[x]",
                "/a|b", "/{x}", "/\"")) {
            assertFalse(RequestUri.isPlainOriginForm(target), target);
        }
        for (String host : List.of("", ":80", "h:", "h:123456", "[::1]", "[::1]:80", "user@h", "a_b", "-a", "a-",
                "a..b", "a.", "a.1b", "256.1.1.1", "01.2.3.4", "1.2.3", "1.2.3.4.5", "a b", "é.com")) {
            assertFalse(RequestUri.isPlainHost(host), host);
        }
    }

    /** The old decision: java.net.URI parses the text, with a host. */
    private static String byUri(String text) {
        try {
            URI uri = new URI(text);
            return uri.getHost() == null ? null : uri.toString() + " query=" + uri.getRawQuery();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String byRequestUri(String target, String host) {
        try {
            RequestUri uri = RequestUri.of(head(target, host), false);
            return uri.text() + " query=" + uri.rawQuery();
        } catch (HttpParseException e) {
            assertEquals(400, e.status());
            return null;
        }
    }

    @Test
    void everyTargetAndHostIsAcceptedOrRefusedExactlyAsUriDecides() {
        Random random = new Random(6455);
        String alphabet = "aZ09-._~!$&'()*+,;=:@/?%%fG[] #é\"<{|\\^`";
        List<String[]> cases = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            cases.add(new String[] {"/" + randomText(random, alphabet, 8), randomHost(random)});
        }
        int plain = 0;
        for (String[] c : cases) {
            String target = c[0];
            String host = c[1];
            int hash = target.indexOf('#');
            String text = "ws://" + host + (hash < 0 ? target : target.substring(0, hash));
            assertEquals(byUri(text), byRequestUri(target, host), () -> "target " + target + " host " + host);
            if (RequestUri.isPlainOriginForm(target) && RequestUri.isPlainHost(host)) {
                plain++;
                assertNotNull(byUri(text), text);
            }
            if (RequestUri.isPlainOriginForm(target)) {
                assertNotNull(parses(target), "a plain target is one URI parses: " + target);
            }
        }
        assertTrue(plain > 1_000, "the corpus exercises the plain form (" + plain + " cases)");
    }

    private static URI parses(String target) {
        try {
            return new URI(target);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String randomHost(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt(300) + "." + random.nextInt(300) + "." + random.nextInt(300) + "."
                    + random.nextInt(300) + (random.nextBoolean() ? "" : ":" + random.nextInt(100_000));
            case 1 -> randomText(random, "ab1-.", 10) + (random.nextBoolean() ? "" : ":" + random.nextInt(1000));
            case 2 -> randomText(random, "ab09-._:@[]%", 8);
            default -> "example.com" + (random.nextBoolean() ? "" : ":" + randomText(random, "09a", 6));
        };
    }

    private static String randomText(Random random, String alphabet, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
