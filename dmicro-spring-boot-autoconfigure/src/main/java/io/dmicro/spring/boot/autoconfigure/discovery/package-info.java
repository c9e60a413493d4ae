/** The registry bridge: publishes the endpoint in a Spring Cloud service registry. */
@NullMarked
package io.dmicro.spring.boot.autoconfigure.discovery;

import org.jspecify.annotations.NullMarked;
