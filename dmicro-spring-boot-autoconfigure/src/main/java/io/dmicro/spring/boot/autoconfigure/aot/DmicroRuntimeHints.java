package io.dmicro.spring.boot.autoconfigure.aot;

import io.dmicro.spring.boot.autoconfigure.DmicroProperties;
import io.dmicro.spring.boot.autoconfigure.DrpcCallSettings;
import io.dmicro.spring.boot.autoconfigure.DrpcClient;
import io.dmicro.spring.boot.autoconfigure.DrpcRoute;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Hints that hold for every application: the client annotations read at run time when a proxy is
 * built, and the enums of {@code dmicro.*} that the binder resolves by name.
 */
public final class DmicroRuntimeHints implements RuntimeHintsRegistrar {

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        for (Class<?> type : new Class<?>[] {DrpcClient.class, DrpcRoute.class, DrpcCallSettings.class}) {
            hints.reflection().registerType(type, MemberCategory.INVOKE_PUBLIC_METHODS);
        }
        for (Class<?> type : new Class<?>[] {DmicroProperties.RouteMapper.class, DmicroProperties.ClientAuth.class}) {
            hints.reflection().registerType(type, MemberCategory.INVOKE_PUBLIC_METHODS, MemberCategory.ACCESS_PUBLIC_FIELDS);
        }
    }
}
