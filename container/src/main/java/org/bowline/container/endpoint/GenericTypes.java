package org.bowline.container.endpoint;

import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the class a generic interface is instantiated with somewhere up a class's hierarchy,
 * e.g. the {@code T} of {@code Decoder.Text<T>} for a decoder that extends a generic base class.
 * Used at deployment only, never per message.
 */
final class GenericTypes {

    private GenericTypes() {
    }

    /**
     * The erased first type argument with which {@code type} implements {@code target}, or null when
     * {@code type} does not implement it or leaves the argument open (a raw or still generic use).
     */
    static Class<?> typeArgument(Class<?> type, Class<?> target) {
        if (!target.isAssignableFrom(type)) {
            return null;
        }
        Type found = find(type, target, Map.of());
        return found == null || found instanceof TypeVariable<?> ? null : erase(found);
    }

    private static Type find(Class<?> type, Class<?> target, Map<TypeVariable<?>, Type> bindings) {
        Type superclass = type.getGenericSuperclass();
        Type[] interfaces = type.getGenericInterfaces();
        Type[] candidates = new Type[interfaces.length + 1];
        System.arraycopy(interfaces, 0, candidates, 0, interfaces.length);
        candidates[interfaces.length] = superclass;
        for (Type candidate : candidates) {
            if (candidate == null) {
                continue;
            }
            Class<?> raw = erase(candidate);
            if (!target.isAssignableFrom(raw)) {
                continue;
            }
            Map<TypeVariable<?>, Type> next = Map.of();
            if (candidate instanceof ParameterizedType p) {
                Type[] args = p.getActualTypeArguments();
                if (raw == target) {
                    return substitute(args[0], bindings);
                }
                TypeVariable<?>[] params = raw.getTypeParameters();
                Map<TypeVariable<?>, Type> map = new HashMap<>();
                for (int i = 0; i < params.length && i < args.length; i++) {
                    map.put(params[i], substitute(args[i], bindings));
                }
                next = map;
            } else if (raw == target) {
                return null; // raw use of the interface: nothing known about T
            }
            Type found = find(raw, target, next);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static Type substitute(Type type, Map<TypeVariable<?>, Type> bindings) {
        if (type instanceof TypeVariable<?> v && bindings.containsKey(v)) {
            return bindings.get(v);
        }
        return type;
    }

    static Class<?> erase(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return erase(p.getRawType());
        }
        if (type instanceof GenericArrayType a) {
            return Array.newInstance(erase(a.getGenericComponentType()), 0).getClass();
        }
        if (type instanceof TypeVariable<?> v) {
            Type[] bounds = v.getBounds();
            return bounds.length == 0 ? Object.class : erase(bounds[0]);
        }
        return Object.class;
    }
}
