package org.bowline.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class OptionsTest {

    private static final Set<String> ALLOWED = Set.of("--host", "--port", "--backend");

    @Test
    void hostAndPortDefaultTo127001And8080() throws UsageException {
        Options options = Options.parse("x", List.of(), ALLOWED);
        assertEquals("127.0.0.1", options.host());
        assertEquals(8080, options.port());
        assertNull(options.value("--backend"));
    }

    @Test
    void optionsTakeTheirValueAfterASpaceOrAnEqualsSign() throws UsageException {
        Options options = Options.parse("x", List.of("--port", "0", "--backend=ws://b/ws", "url1", "url2"), ALLOWED);
        assertEquals(0, options.port());
        assertEquals("ws://b/ws", options.value("--backend"));
        assertEquals(List.of("url1", "url2"), options.positional());
    }

    @Test
    void unknownRepeatedAndValuelessOptionsAreUsageErrorsNamingTheOption() {
        assertEquals("x: unknown option: --nope",
                assertThrows(UsageException.class, () -> Options.parse("x", List.of("--nope", "1"), ALLOWED)).getMessage());
        assertEquals("x: --port given twice",
                assertThrows(UsageException.class, () -> Options.parse("x", List.of("--port", "1", "--port=2"), ALLOWED)).getMessage());
        assertEquals("x: --host needs a value",
                assertThrows(UsageException.class, () -> Options.parse("x", List.of("--host"), ALLOWED)).getMessage());
    }

    @Test
    void aPortOutsideTheRangeIsAUsageError() throws UsageException {
        Options options = Options.parse("x", List.of("--port", "70000"), ALLOWED);
        assertEquals("--port must be a number from 0 to 65535, was '70000'",
                assertThrows(UsageException.class, options::port).getMessage());
    }
}
