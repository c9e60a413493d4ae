/** Handshake authentication (reference §14.2): a bearer on the dialing side, a checker on the accepting side, exchanging AUTH_CALL and AUTH_REPLY before the session opens. */
@NullMarked
package io.dmicro.drpc.plugin.auth;

import org.jspecify.annotations.NullMarked;
