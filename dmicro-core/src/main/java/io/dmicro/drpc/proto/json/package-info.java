/** The JSON proto (reference §10.2): length-prefixed frames whose payload is a JSON document. */
@NullMarked
package io.dmicro.drpc.proto.json;

import org.jspecify.annotations.NullMarked;
