/** Test support: {@link io.dmicro.spring.boot.test.AutoConfigureDmicro} and {@link io.dmicro.spring.boot.test.DmicroTestClient}. */
@NullMarked
package io.dmicro.spring.boot.test;

import org.jspecify.annotations.NullMarked;
