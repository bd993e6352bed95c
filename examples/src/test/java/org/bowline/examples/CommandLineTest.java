package org.bowline.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {

    @Test
    void noArgumentsServesOnTheDefaultHostAndPort() throws UsageException {
        assertEquals(new Command.Serve("127.0.0.1", 8080), CommandLine.parse());
    }

    @Test
    void optionsWithoutSubcommandMeanServe() throws UsageException {
        assertEquals(new Command.Serve("0.0.0.0", 9001), CommandLine.parse("--host", "0.0.0.0", "--port", "9001"));
        assertEquals(new Command.Serve("127.0.0.1", 0), CommandLine.parse("--port", "0"));
    }

    @Test
    void serveSubcommandTakesTheSameOptionsInAnyOrder() throws UsageException {
        assertEquals(new Command.Serve("::1", 65535), CommandLine.parse("serve", "--port", "65535", "--host", "::1"));
        assertEquals(new Command.Serve("127.0.0.1", 8080), CommandLine.parse("serve"));
    }

    @Test
    void optionValueMayFollowAnEqualsSign() throws UsageException {
        assertEquals(new Command.Serve("localhost", 1), CommandLine.parse("--host=localhost", "--port=1"));
    }

    @Test
    void helpIsRecognisedAsOptionAndSubcommand() throws UsageException {
        assertInstanceOf(Command.Help.class, CommandLine.parse("--help"));
        assertInstanceOf(Command.Help.class, CommandLine.parse("-h"));
        assertInstanceOf(Command.Help.class, CommandLine.parse("help"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "65536", "80x", "", "99999999999"})
    void portOutsideZeroTo65535IsAUsageError(String port) {
        UsageException e = assertThrows(UsageException.class, () -> CommandLine.parse("--port", port));
        assertTrue(e.getMessage().startsWith("--port must be a number from 0 to 65535"), e.getMessage());
    }

    @Test
    void optionWithoutValueIsAUsageError() {
        assertEquals("--port needs a value",
                assertThrows(UsageException.class, () -> CommandLine.parse("--port")).getMessage());
        assertEquals("--host needs a value",
                assertThrows(UsageException.class, () -> CommandLine.parse("serve", "--host")).getMessage());
        assertEquals("--host needs a host name or address",
                assertThrows(UsageException.class, () -> CommandLine.parse("--host=")).getMessage());
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertEquals("unknown option: --verbose",
                assertThrows(UsageException.class, () -> CommandLine.parse("--port", "1", "--verbose")).getMessage());
    }

    @Test
    void strayArgumentIsAUsageError() {
        assertEquals("unexpected argument: extra",
                assertThrows(UsageException.class, () -> CommandLine.parse("serve", "extra")).getMessage());
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        assertEquals("unknown subcommand: echo-server",
                assertThrows(UsageException.class, () -> CommandLine.parse("echo-server", "ws://x/echo")).getMessage());
    }

    @Test
    void repeatedOptionIsAUsageError() {
        assertEquals("--port given twice",
                assertThrows(UsageException.class, () -> CommandLine.parse("--port", "1", "--port=2")).getMessage());
    }

    @Test
    void helpAmongOtherArgumentsIsAUsageError() {
        assertThrows(UsageException.class, () -> CommandLine.parse("--help", "--port", "1"));
        assertThrows(UsageException.class, () -> CommandLine.parse("help", "serve"));
    }

    @Test
    void echoClientTakesOneWsOrWssUrl() throws UsageException {
        assertEquals(new Command.EchoClient(URI.create("ws://127.0.0.1:9001/runCase?case=1&agent=bowline")),
                CommandLine.parse("echo-client", "ws://127.0.0.1:9001/runCase?case=1&agent=bowline"));
        assertEquals(new Command.EchoClient(URI.create("wss://example.org/echo")),
                CommandLine.parse("echo-client", "wss://example.org/echo"));
        assertEquals(new Command.EchoClient(URI.create("WS://[::1]:80")), CommandLine.parse("echo-client", "WS://[::1]:80"));
    }

    @Test
    void echoClientWithoutUrlIsAUsageError() {
        UsageException e = assertThrows(UsageException.class, () -> CommandLine.parse("echo-client"));
        assertTrue(e.getMessage().startsWith("echo-client needs a URL"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/echo", "https://example.org/", "ftp://h/echo", "/echo", "mailto:x@y"})
    void echoClientUrlOtherThanWsOrWssIsAUsageError(String url) {
        UsageException e = assertThrows(UsageException.class, () -> CommandLine.parse("echo-client", url));
        assertEquals("echo-client URL must start with ws:// or wss://, was '" + url + "'", e.getMessage());
    }

    @Test
    void echoClientUrlThatIsNoWebSocketUriIsAUsageError() {
        assertTrue(assertThrows(UsageException.class, () -> CommandLine.parse("echo-client", "ws://bad host/"))
                .getMessage().startsWith("echo-client URL is not a valid URI: "));
        assertEquals("echo-client URL has no host: 'ws:///echo'",
                assertThrows(UsageException.class, () -> CommandLine.parse("echo-client", "ws:///echo")).getMessage());
        assertEquals("echo-client URL port must be from 1 to 65535, was 65536",
                assertThrows(UsageException.class, () -> CommandLine.parse("echo-client", "ws://h:65536/")).getMessage());
        assertEquals("echo-client URL port must be from 1 to 65535, was 0",
                assertThrows(UsageException.class, () -> CommandLine.parse("echo-client", "ws://h:0/")).getMessage());
        // RFC 6455 section 3: fragment identifiers are meaningless in WebSocket URIs.
        assertEquals("echo-client URL must not have a fragment (#...): 'ws://h/echo#part'",
                assertThrows(UsageException.class, () -> CommandLine.parse("echo-client", "ws://h/echo#part")).getMessage());
    }

    @Test
    void echoClientWithExtraArgumentsIsAUsageError() {
        assertEquals("unexpected argument: extra",
                assertThrows(UsageException.class, () -> CommandLine.parse("echo-client", "ws://h/", "extra")).getMessage());
        assertEquals("unknown option: --port",
                assertThrows(UsageException.class, () -> CommandLine.parse("echo-client", "ws://h/", "--port", "1")).getMessage());
        assertEquals("unknown option: --verbose",
                assertThrows(UsageException.class, () -> CommandLine.parse("echo-client", "--verbose", "ws://h/")).getMessage());
    }

    @Test
    void usageDescribesEchoClient() {
        assertTrue(CommandLine.USAGE.contains("java -jar bowline-examples.jar echo-client ws://HOST:PORT/PATH"), CommandLine.USAGE);
    }
}
