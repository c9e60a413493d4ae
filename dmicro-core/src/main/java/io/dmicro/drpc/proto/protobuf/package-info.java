/** The protobuf proto (reference §10.3): the JSON proto's framing around a protobuf {@code payload} message. */
@NullMarked
package io.dmicro.drpc.proto.protobuf;

import org.jspecify.annotations.NullMarked;
