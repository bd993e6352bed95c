package org.bowline.container.path;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A server endpoint path such as {@code /chat/{room}/users}: literal segments and whole-segment
 * variables (Jakarta WebSocket 2.2 section 3.1.1, a level-1 URI template).
 */
public final class UriTemplate {

    private final String template;
    private final String[] segments;
    private final boolean[] variable;
    private final int variables;

    private UriTemplate(String template, String[] segments, boolean[] variable, int variables) {
        this.template = template;
        this.segments = segments;
        this.variable = variable;
        this.variables = variables;
    }

    /**
     * Parses a template. It must start with '/', and a variable must be a whole segment with a
     * unique, non-empty name; anything else throws IllegalArgumentException naming the fault.
     */
    public static UriTemplate parse(String template) {
        if (template == null || !template.startsWith("/")) {
            throw new IllegalArgumentException("Endpoint path must start with '/': " + template);
        }
        String[] segments = split(template);
        boolean[] variable = new boolean[segments.length];
        Set<String> names = new HashSet<>();
        int count = 0;
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            boolean open = s.indexOf('{') >= 0;
            boolean close = s.indexOf('}') >= 0;
            if (!open && !close) {
                continue;
            }
            if (!(s.startsWith("{") && s.endsWith("}") && s.indexOf('{', 1) < 0 && s.indexOf('}') == s.length() - 1)) {
                throw new IllegalArgumentException("Path segment '" + s + "' of " + template
                        + " must be either literal or one whole {variable}");
            }
            String name = s.substring(1, s.length() - 1);
            if (name.isEmpty()) {
                throw new IllegalArgumentException("Empty variable name in path " + template);
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("Variable {" + name + "} appears twice in path " + template);
            }
            segments[i] = name;
            variable[i] = true;
            count++;
        }
        return new UriTemplate(template, segments, variable, count);
    }

    public String template() {
        return template;
    }

    public int segmentCount() {
        return segments.length;
    }

    public boolean isLiteral(int segment) {
        return !variable[segment];
    }

    public boolean hasVariables() {
        return variables > 0;
    }

    /** The names of the template's variables, in path order. */
    public Set<String> variableNames() {
        Set<String> names = new java.util.LinkedHashSet<>();
        for (int i = 0; i < segments.length; i++) {
            if (variable[i]) {
                names.add(segments[i]);
            }
        }
        return names;
    }

    /**
     * Matches a request path (already split into decoded segments); returns the variables' values,
     * or null when the path does not match.
     */
    public Map<String, String> match(String[] pathSegments) {
        if (pathSegments.length != segments.length) {
            return null;
        }
        Map<String, String> values = variables == 0 ? Collections.emptyMap() : new LinkedHashMap<>();
        for (int i = 0; i < segments.length; i++) {
            if (variable[i]) {
                if (pathSegments[i].isEmpty()) {
                    return null;
                }
                values.put(segments[i], pathSegments[i]);
            } else if (!segments[i].equals(pathSegments[i])) {
                return null;
            }
        }
        return values;
    }

    /** Whether two templates would match exactly the same paths (e.g. /a/{x} and /a/{y}). */
    public boolean sameShape(UriTemplate other) {
        if (segments.length != other.segments.length) {
            return false;
        }
        for (int i = 0; i < segments.length; i++) {
            if (variable[i] != other.variable[i] || (!variable[i] && !segments[i].equals(other.segments[i]))) {
                return false;
            }
        }
        return true;
    }

    /** Splits "/a/b/" into ["a", "b", ""]; "/" into [""]. */
    public static String[] split(String path) {
        List<String> parts = new ArrayList<>();
        int start = 1;
        for (int i = 1; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                parts.add(path.substring(start, i));
                start = i + 1;
            }
        }
        return parts.toArray(new String[0]);
    }

    @Override
    public String toString() {
        return template;
    }
}
