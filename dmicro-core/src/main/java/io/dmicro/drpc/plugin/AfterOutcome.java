package io.dmicro.drpc.plugin;

import io.dmicro.drpc.status.Status;

/**
 * Hook (notice): an outgoing CALL has its outcome, or an outgoing PUSH was written or failed. It runs
 * once per call or push whose {@link BeforeWriteCall} / {@link BeforeWritePush} hooks ran, whatever
 * ended it: the reply, a refusal by a write hook, a write error, a timeout (408) or a broken connection
 * (102), so a plugin that started something in the write hooks can always finish it. {@code status} is
 * OK on success, else the status the caller sees. It runs on the thread that completed the call.
 */
@FunctionalInterface
public interface AfterOutcome extends Plugin {

    void afterOutcome(WriteContext ctx, Status status);
}
