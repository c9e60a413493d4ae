/**
 * What an endpoint offers, described for tools: {@link io.dmicro.drpc.describe.RouteDescriptions}
 * turns the router's routes into {@link io.dmicro.drpc.describe.RouteDescription}s with JSON
 * Schemas of their bodies, the one source behind OpenAPI, the actuator and the command line.
 */
@NullMarked
package io.dmicro.drpc.describe;

import org.jspecify.annotations.NullMarked;
