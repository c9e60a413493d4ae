package io.dmicro.protoc;

import java.util.List;

/**
 * One .proto {@code service} as the writers need it.
 *
 * @param protoFile the .proto file that declares it
 * @param fullName the full .proto name ({@code example.math.Math})
 * @param javaPackage the package of the generated classes, the messages' own
 * @param className the simple name of the generated holder ({@code MathDrpc}); the Spring client is {@code className + "Client"}
 * @param routeServiceName the service part of the routes before the mapper: the Go handler struct's name
 *     ({@code Math}), or the {@code dmicro.service_name} option
 * @param serviceId the discovery id of the generated {@code @DrpcClient}
 * @param comment the .proto comment, for javadoc; empty if none
 * @param deprecated whether the service is marked {@code deprecated}
 * @param rpcs the unary rpcs, in .proto order
 * @param skipped the streaming rpcs left out with {@code streaming=skip}
 */
record ServiceModel(String protoFile, String fullName, String javaPackage, String className, String routeServiceName,
        String serviceId, String comment, boolean deprecated, List<RpcModel> rpcs, List<String> skipped) {

    /** One unary rpc; {@code explicitRoute} is its {@code dmicro.route} option, or "" when the mapper names it. */
    record RpcModel(String protoName, String goName, String javaName, String inputClass, String outputClass,
            String explicitRoute, String comment, boolean deprecated) {

        /** The Java name without the underscore a keyword gets ({@code new_} → {@code new}), to build other names from. */
        String baseName() {
            return javaName.endsWith("_") ? javaName.substring(0, javaName.length() - 1) : javaName;
        }

        /** The name of the {@code CompletableFuture} form: {@code addAsync}, {@code newAsync}. */
        String asyncName() {
            return baseName() + "Async";
        }

        boolean hasExplicitRoute() {
            return !explicitRoute.isEmpty();
        }

        /** The routes under the two built-in mappers, for javadoc. */
        String routesText(String routeServiceName) {
            if (hasExplicitRoute()) {
                return "route {@code " + explicitRoute + "}";
            }
            return "route {@code " + HttpStyle.route(routeServiceName, goName) + "}, or {@code "
                    + routeServiceName + "." + goName + "} with the RPC-style mapper";
        }
    }
}
