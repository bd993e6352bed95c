package org.bowline.adapter.registry;

/** No engine of the name asked for: handlers run on {@value HandlerRegistry#JAVA_ENGINE} and on engines registered. */
public final class UnknownEngineException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String name;

    public UnknownEngineException(String name, java.util.Collection<String> known) {
        super("Unknown engine '" + name + "': the engines are " + known);
        this.name = name;
    }

    public String name() {
        return name;
    }
}
