package org.bowline.adapter.service;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How the connections of an {@link UpgradeService} class are served; read when the service is
 * attached without an explicit {@link ServiceConfiguration} (which says the same for lambdas).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ServiceConfig {

    /** Subprotocols this service speaks; the first of the client's list (in its order) that is here wins. */
    String[] subProtocols() default {};

    /** Seconds without traffic before {@link Service#onIdleTimeout} runs (it does not close); 0 = never. */
    double idleTimeout() default 0;

    /** Largest inbound frame payload, in bytes; a larger frame closes the connection with 1009. */
    int maxFrameSize() default ServiceConfiguration.DEFAULT_MAX_FRAME_SIZE;

    /** Seconds a close handshake waits for the peer's close frame before the connection is dropped. */
    double connectionClosureTimeout() default 60;
}
