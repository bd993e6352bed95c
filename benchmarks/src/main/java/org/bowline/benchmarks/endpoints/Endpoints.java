package org.bowline.benchmarks.endpoints;

import java.util.Set;

/** The endpoint classes every implementation serves, unchanged. */
public final class Endpoints {

    public static final Set<Class<?>> ALL = Set.of(EchoEndpoint.class, BigEchoEndpoint.class, IdleEndpoint.class,
            BroadcastEndpoint.class, PushEndpoint.class);

    private Endpoints() {
    }
}
