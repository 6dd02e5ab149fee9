package io.dsync.job.run;

import java.util.Optional;
import java.util.ServiceLoader;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.rpc.RpcSystem;
import org.apache.flink.util.Reference;

/**
 * The RPC system of the in-process Flink. Flink's own loader ({@code PekkoRpcSystemLoader}) copies
 * the 21 MB {@code flink-rpc-akka.jar} it carries inside to a new temporary file at every start and
 * loads Pekko and Scala from there through a class loader of its own: a third of a second of
 * copying, and thousands of classes that class-data sharing cannot map because their jar has a new
 * name each time. {@code ./dsync} puts that inner jar (taken out once by the build, {@code
 * job/target/rpc/flink-rpc-akka.jar}) on the class path, where its {@code RpcSystem} is found
 * directly; without it there (tests, other launchers), Flink's loader is used as before.
 */
final class LocalRpcSystem {

    private LocalRpcSystem() {}

    /** The RPC system on the class path if there is one, else the one Flink's loader finds. */
    static Reference<RpcSystem> load(Configuration configuration) {
        return onClassPath(LocalRpcSystem.class.getClassLoader())
                .orElseGet(() -> Reference.owned(RpcSystem.load(configuration)));
    }

    /** The {@code RpcSystem} that {@code classLoader} provides as a service, if any. */
    static Optional<Reference<RpcSystem>> onClassPath(ClassLoader classLoader) {
        return ServiceLoader.load(RpcSystem.class, classLoader).findFirst().map(Reference::owned);
    }
}
