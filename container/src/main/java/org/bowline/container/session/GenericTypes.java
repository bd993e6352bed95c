package org.bowline.container.session;

import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the class a generic interface is parameterized with, as a concrete class declares it:
 * the T of {@code Decoder.Text<T>}, {@code Encoder.Binary<T>} or {@code MessageHandler.Whole<T>},
 * also when a superclass or a super-interface fixes it ({@code class D extends Base<Foo>} with
 * {@code Base<X> implements Decoder.Text<X>}).
 */
final class GenericTypes {

    private GenericTypes() {
    }

    /**
     * The raw class of the first type argument of {@code generic} as seen from {@code concrete},
     * or null when the hierarchy leaves it open (a lambda, a generic class used raw).
     */
    static Class<?> typeArgument(Class<?> concrete, Class<?> generic) {
        Type arg = find(concrete, generic, new HashMap<>());
        return arg == null ? null : rawClass(arg);
    }

    private static Type find(Type type, Class<?> generic, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw;
        if (type instanceof ParameterizedType p) {
            raw = (Class<?>) p.getRawType();
            TypeVariable<?>[] params = raw.getTypeParameters();
            Type[] args = p.getActualTypeArguments();
            Map<TypeVariable<?>, Type> own = new HashMap<>(bindings);
            for (int i = 0; i < params.length && i < args.length; i++) {
                own.put(params[i], substitute(args[i], bindings));
            }
            bindings = own;
        } else if (type instanceof Class<?> c) {
            raw = c;
        } else {
            return null;
        }
        if (raw == generic) {
            TypeVariable<?> first = generic.getTypeParameters()[0];
            Type bound = bindings.get(first);
            return bound == null || bound instanceof TypeVariable<?> ? null : bound;
        }
        if (!generic.isAssignableFrom(raw)) {
            return null;
        }
        for (Type itf : raw.getGenericInterfaces()) {
            Type found = find(itf, generic, bindings);
            if (found != null) {
                return found;
            }
        }
        Type superclass = raw.getGenericSuperclass();
        return superclass == null ? null : find(superclass, generic, bindings);
    }

    private static Type substitute(Type arg, Map<TypeVariable<?>, Type> bindings) {
        if (arg instanceof TypeVariable<?> v) {
            Type bound = bindings.get(v);
            return bound == null ? v : bound;
        }
        return arg;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof GenericArrayType a) {
            Class<?> component = rawClass(a.getGenericComponentType());
            return component == null ? null : Array.newInstance(component, 0).getClass();
        }
        return null;
    }
}
