package io.dmicro.spring.boot.autoconfigure;

import io.dmicro.spring.boot.autoconfigure.internal.DrpcClientsRegistrar;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;

/**
 * Registers {@link DrpcClient} interfaces from the given packages or classes, in place of the default
 * scan of the auto-configuration packages.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Import(DrpcClientsRegistrar.class)
public @interface EnableDrpcClients {

    /** Packages to scan; with nothing given, the package of the annotated class. */
    String[] basePackages() default {};

    /** Classes whose packages are scanned. */
    Class<?>[] basePackageClasses() default {};

    /** Client interfaces to register without scanning. */
    Class<?>[] clients() default {};
}
