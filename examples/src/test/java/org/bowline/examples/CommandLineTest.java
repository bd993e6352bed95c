package org.bowline.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals("unknown subcommand: echo-client",
                assertThrows(UsageException.class, () -> CommandLine.parse("echo-client", "ws://x/echo")).getMessage());
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
}
