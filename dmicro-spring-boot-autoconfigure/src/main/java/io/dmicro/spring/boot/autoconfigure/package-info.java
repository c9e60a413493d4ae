/** The DMicro Spring Boot auto-configuration: properties, annotations and the endpoint bean. */
@NullMarked
package io.dmicro.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
