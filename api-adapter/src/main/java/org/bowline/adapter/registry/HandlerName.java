package org.bowline.adapter.registry;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name a {@link WebsocketHandler} is registered under, e.g. {@code "my-project/ws-handler"}:
 * what descriptors and {@code createWebsocket} refer to. A handler class listed in
 * {@code META-INF/services/org.bowline.adapter.registry.WebsocketHandler} must carry it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface HandlerName {

    String value();
}
