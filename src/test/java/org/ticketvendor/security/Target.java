package org.ticketvendor.security;

import java.util.function.Function;

/**
 * What a matrix row's requests are about. Requests expected to be refused go to the world's shared
 * objects (and must leave them as they were); a target that the request changes makes a new object
 * for every request expected to succeed, so that each allowed caller finds the object in the state
 * the row assumes.
 *
 * @param name how the table names it
 * @param shared the request on the shared objects
 * @param fresh the request on a new object, or null when the request changes nothing
 */
record Target(String name, Function<MatrixWorld, Call> shared, Function<MatrixWorld, Call> fresh) {

    static Target on(String name, Function<MatrixWorld, Call> call) {
        return new Target(name, call, null);
    }

    static Target changing(String name, Function<MatrixWorld, Call> shared, Function<MatrixWorld, Call> fresh) {
        return new Target(name, shared, fresh);
    }

    Call call(MatrixWorld world, boolean expectedToSucceed) {
        return expectedToSucceed && fresh != null ? fresh.apply(world) : shared.apply(world);
    }

    @Override
    public String toString() {
        return name;
    }
}
