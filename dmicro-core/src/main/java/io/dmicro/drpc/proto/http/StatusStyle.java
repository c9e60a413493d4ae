package io.dmicro.drpc.proto.http;

/**
 * How a failed call's drpc status becomes an HTTP status.
 *
 * <table>
 * <caption>{@link #HTTP}: drpc code to HTTP status</caption>
 * <tr><th>drpc code</th><th>HTTP</th></tr>
 * <tr><td>400 bad message, 1 invalid op, 405 message type not allowed</td><td>400</td></tr>
 * <tr><td>401, 404, 409, 429, 500, 502, 503</td><td>the same</td></tr>
 * <tr><td>408 handler timeout</td><td>504 Gateway Timeout</td></tr>
 * <tr><td>100, 102, 104, 105 (connection, write and dial failures behind a proxy)</td><td>502</td></tr>
 * <tr><td>any other code from 400 to 599 (an application's own)</td><td>the same</td></tr>
 * <tr><td>every other code (application codes such as 10001, -1)</td><td>500</td></tr>
 * </table>
 *
 * Whatever the HTTP status, the body is the drpc status as JSON
 * ({@code {"code":10001,"msg":"…","cause":"…"}}) and the {@code X-Drpc-Status} header carries the
 * same, so a client can always read the drpc code.
 */
public enum StatusStyle {

    /** The mapping above: {@code fetch()} sees {@code ok=false} for every failure. */
    HTTP,

    /** Every failure is {@code 299 Business Error}, as the Go original's httpproto sends and expects. */
    GO_299;

    /** The HTTP status for a failed call's drpc code. */
    public int httpStatus(int drpcCode) {
        if (this == GO_299) {
            return 299;
        }
        return switch (drpcCode) {
            case 1, 400, 405 -> 400;
            case 408 -> 504;
            case 100, 102, 104, 105 -> 502;
            default -> drpcCode >= 400 && drpcCode <= 599 ? drpcCode : 500;
        };
    }
}
