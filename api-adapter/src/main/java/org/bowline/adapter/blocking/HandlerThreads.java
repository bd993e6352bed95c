package org.bowline.adapter.blocking;

import java.lang.reflect.Method;

/**
 * Starts the thread a connection's handler runs on: a virtual thread where the JDK has them
 * (21 and later), else a platform daemon thread. Found reflectively because Bowline is compiled
 * for Java 17.
 */
final class HandlerThreads {

    private static final System.Logger LOG = System.getLogger(HandlerThreads.class.getName());
    /** Thread.ofVirtual(), Thread.Builder.name(String), Thread.Builder.unstarted(Runnable); null before JDK 21. */
    private static final Method[] VIRTUAL = findVirtual();

    private HandlerThreads() {
    }

    /** Whether handlers run on virtual threads in this JVM. */
    static boolean virtual() {
        return VIRTUAL != null;
    }

    static Thread start(String name, Runnable body) {
        Thread thread = null;
        if (VIRTUAL != null) {
            try {
                Object builder = VIRTUAL[1].invoke(VIRTUAL[0].invoke(null), name);
                thread = (Thread) VIRTUAL[2].invoke(builder, body);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "Cannot create a virtual thread; using a platform thread", e);
            }
        }
        if (thread == null) {
            thread = new Thread(body, name);
            thread.setDaemon(true);
        }
        thread.start();
        return thread;
    }

    private static Method[] findVirtual() {
        try {
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            return new Method[] {
                Thread.class.getMethod("ofVirtual"),
                builder.getMethod("name", String.class),
                builder.getMethod("unstarted", Runnable.class)};
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
