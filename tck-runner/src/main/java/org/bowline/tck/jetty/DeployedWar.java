package org.bowline.tck.jetty;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.webapp.WebAppContext;

/** A WAR running in {@link EmbeddedJetty}: its context path, Jetty context and work directory. */
public record DeployedWar(String contextPath, WebAppContext webapp, Path workDir) {

    /** The names of the servlets the WAR declares (including the container's default servlet). */
    public List<String> servletNames() {
        ServletHolder[] holders = webapp.getServletHandler().getServlets();
        return holders == null ? List.of() : Arrays.stream(holders).map(ServletHolder::getName).toList();
    }

    /** Why the WAR did not start, when it did not; such a WAR answers every request with 503. */
    public Optional<Throwable> startFailure() {
        Throwable cause = webapp.getUnavailableException();
        if (cause == null && !webapp.isAvailable()) {
            cause = new IllegalStateException("web application " + contextPath + " is unavailable");
        }
        return Optional.ofNullable(cause);
    }
}
