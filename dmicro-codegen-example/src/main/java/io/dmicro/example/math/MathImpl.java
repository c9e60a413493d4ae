package io.dmicro.example.math;

import io.dmicro.drpc.router.CallContext;
import io.dmicro.drpc.status.DrpcException;
import io.dmicro.drpc.status.Status;
import io.dmicro.spring.boot.autoconfigure.DrpcService;

/**
 * The Math service of math.proto, implemented once for every face: route it on a plain endpoint with
 * {@code MathDrpc.bind(endpoint.router(), new MathImpl())}, or let Spring route it as the
 * {@code @DrpcService} bean it is. Its routes come from the .proto, not from this class's name.
 */
@DrpcService
public class MathImpl implements MathDrpc.Service {

    /** The application status code of a division by zero (application codes are above 1000). */
    public static final int DIVISION_BY_ZERO = 1001;

    @Override
    public AddReply add(CallContext context, AddRequest request) {
        return AddReply.newBuilder().setSum(request.getA() + request.getB()).build();
    }

    @Override
    public Number addOne(CallContext context, Number request) {
        return Number.newBuilder().setValue(request.getValue() + 1).build();
    }

    @Override
    public Number sum(CallContext context, Numbers request) {
        return Number.newBuilder().setValue(request.getValuesList().stream().mapToLong(Long::longValue).sum()).build();
    }

    @Override
    public Number divide(CallContext context, AddRequest request) {
        if (request.getB() == 0) {
            throw new DrpcException(Status.of(DIVISION_BY_ZERO, "division by zero"));
        }
        return Number.newBuilder().setValue(request.getA() / request.getB()).build();
    }
}
