package io.dmicro.spring.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.PropertyMapping;

/**
 * On a test class: the drpc endpoint listens in-JVM on a fresh {@code local://} name instead of its
 * configured ports (same protos, plugins and routes, no port to pick or collide on), and a
 * {@link DmicroTestClient} bean calls it. Works with {@code @SpringBootTest} and with slice tests,
 * where it also imports the drpc auto-configuration. The bound URI is in {@code local.dmicro.uris}.
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureDmicro
 * class MathServiceTests {
 *     @Autowired DmicroTestClient drpc;
 *
 *     @Test
 *     void adds() {
 *         assertThat(drpc.call("/math/add", new Args(1, 2), Integer.class)).isEqualTo(3);
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
@PropertyMapping("dmicro.endpoint")
public @interface AutoConfigureDmicro {

    /**
     * The listen URIs during the test; {@code local://} (the default) binds a unique in-JVM name.
     * Give {@code tcp://127.0.0.1:0} to test over a real socket on a free port ({@code local.dmicro.port}).
     */
    String[] listen() default "local://";
}
