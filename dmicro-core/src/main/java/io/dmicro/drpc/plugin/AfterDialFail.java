package io.dmicro.drpc.plugin;

import io.dmicro.drpc.status.Status;
/** Hook: after a dial or redial has finally failed. Its result is ignored. */
@FunctionalInterface
public interface AfterDialFail extends Plugin {

    Status afterDialFail(String address, Throwable error, boolean isRedial);
}
