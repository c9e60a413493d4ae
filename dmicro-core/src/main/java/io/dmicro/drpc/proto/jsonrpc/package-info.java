/** JSON-RPC 2.0 over newline-delimited text (reference §10.5), conforming to the JSON-RPC 2.0 specification. */
@NullMarked
package io.dmicro.drpc.proto.jsonrpc;

import org.jspecify.annotations.NullMarked;
