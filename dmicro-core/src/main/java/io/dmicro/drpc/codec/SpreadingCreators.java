package io.dmicro.drpc.codec;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.Version;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedConstructor;

/**
 * Calls the constructor of a type built from its properties (a record, or a class with a
 * property-based {@code @JsonCreator} constructor) through a method handle that takes the argument
 * array as it is. Jackson 3 calls such a constructor with {@code MethodHandle.invokeWithArguments},
 * which adapts the handle to the array anew on every call: profiled on the benchmark's record
 * echo, about 6% of all CPU of a JSON call went there. Everything else, errors included, stays
 * Jackson's own; a constructor that cannot be reached this way keeps Jackson's instantiator.
 */
final class SpreadingCreators extends JacksonModule {

    @Override
    public String getModuleName() {
        return "drpc-spreading-creators";
    }

    @Override
    public Version version() {
        return Version.unknownVersion();
    }

    @Override
    public void setupModule(SetupContext context) {
        context.addValueInstantiators(new ValueInstantiators.Base() {
            @Override
            public ValueInstantiator modifyValueInstantiator(DeserializationConfig config,
                    BeanDescription.Supplier beanDescRef, ValueInstantiator defaultInstantiator) {
                return spreading(defaultInstantiator);
            }
        });
    }

    static ValueInstantiator spreading(ValueInstantiator instantiator) {
        if (instantiator.getClass() != StdValueInstantiator.class
                || !(instantiator.getWithArgsCreator() instanceof AnnotatedConstructor creator)) {
            return instantiator;
        }
        MethodHandle handle = spreader(creator.getAnnotated());
        return handle == null ? instantiator : new Spreading((StdValueInstantiator) instantiator, handle);
    }

    private static @Nullable MethodHandle spreader(Constructor<?> constructor) {
        try {
            MethodHandle h;
            try {
                h = MethodHandles.lookup().unreflectConstructor(constructor);
            } catch (IllegalAccessException e) {
                constructor.setAccessible(true); // as Jackson itself does, with CAN_OVERRIDE_ACCESS_MODIFIERS
                h = MethodHandles.lookup().unreflectConstructor(constructor);
            }
            int n = constructor.getParameterCount();
            return h.asFixedArity().asSpreader(Object[].class, n)
                    .asType(MethodType.methodType(Object.class, Object[].class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // not reachable from here (a module that does not open it): Jackson's way
        }
    }

    private static final class Spreading extends StdValueInstantiator {
        private final MethodHandle constructor;

        Spreading(StdValueInstantiator src, MethodHandle constructor) {
            super(src);
            this.constructor = constructor;
        }

        @Override
        public Object createFromObjectWith(DeserializationContext ctxt, Object[] args) {
            try {
                return (Object) constructor.invokeExact(args);
            } catch (Throwable t) {
                return ctxt.handleInstantiationProblem(_valueClass, args, rewrapCtorProblem(ctxt, t));
            }
        }
    }
}
