/** The HTTP/1.1 proto (reference §10.4): a call is {@code POST /route}, a reply is 200 or 299 Business Error. */
@NullMarked
package io.dmicro.drpc.proto.http;

import org.jspecify.annotations.NullMarked;
