package org.bowline.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Map;

import jakarta.servlet.ServletContext;

import org.bowline.container.io.QueueBudget;
import org.junit.jupiter.api.Test;

/** The context init parameters that set a web application's queue budget. */
class ContextLimitsTest {

    /** A servlet context that knows only these init parameters. */
    private static ServletContext withParameters(Map<String, String> parameters) {
        return (ServletContext) Proxy.newProxyInstance(ServletContext.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getInitParameter")) {
                        return parameters.get((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void theBudgetIsTheStandaloneServersDefaultUnlessSet() {
        assertEquals(QueueBudget.DEFAULT_LIMIT, ContextLimits.queueBudgetBytes(withParameters(Map.of())));
        assertEquals(1 << 20, ContextLimits.queueBudgetBytes(withParameters(
                Map.of(ContextLimits.PREFIX + "queueBudgetBytes", " 1048576 "))));
    }

    @Test
    void aBudgetThatIsNotAPositiveWholeNumberIsRefusedByName() {
        for (String bad : new String[] {"lots", "0", "-5"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ContextLimits
                    .queueBudgetBytes(withParameters(Map.of(ContextLimits.PREFIX + "queueBudgetBytes", bad))));
            assertTrue(e.getMessage().contains("org.bowline.websocket.queueBudgetBytes"), e.getMessage());
        }
    }
}
