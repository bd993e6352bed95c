package org.bowline.adapter.registry;

/** No handler is registered under the name asked for. */
public final class UnknownHandlerException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String name;

    public UnknownHandlerException(String name, java.util.Collection<String> known) {
        super("Unknown handler '" + name + "': the registered handlers are " + known);
        this.name = name;
    }

    public String name() {
        return name;
    }
}
