package org.bowline.container.extension;

import java.util.List;

import jakarta.websocket.Extension;

/** An extension as the Jakarta API shows it: a name and its parameters, immutable. */
public record NegotiatedExtension(String name, List<Extension.Parameter> parameters) implements Extension {

    public NegotiatedExtension {
        parameters = List.copyOf(parameters);
    }

    public static NegotiatedExtension of(ExtensionOffer offer) {
        return new NegotiatedExtension(offer.name(), offer.parameters().stream()
                .<Extension.Parameter>map(p -> new Param(p.name(), p.value() == null ? "" : p.value()))
                .toList());
    }

    /** The offer form, for headers; an empty value means a parameter without one. */
    public static ExtensionOffer toOffer(Extension extension) {
        return new ExtensionOffer(extension.getName(), extension.getParameters().stream()
                .map(p -> new ExtensionOffer.Parameter(p.getName(),
                        p.getValue() == null || p.getValue().isEmpty() ? null : p.getValue()))
                .toList());
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public List<Extension.Parameter> getParameters() {
        return parameters;
    }

    /** One extension parameter. */
    public record Param(String name, String value) implements Extension.Parameter {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getValue() {
            return value;
        }
    }
}
