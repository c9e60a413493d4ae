package io.dmicro.drpc.plugin;

import io.dmicro.drpc.status.Status;
/** Hook: before each dial; on a first dial a non-OK status aborts it and is returned to the caller, on a redial it is logged and the redial goes on. */
@FunctionalInterface
public interface BeforeDial extends Plugin {

    Status beforeDial(String address, boolean isRedial);
}
