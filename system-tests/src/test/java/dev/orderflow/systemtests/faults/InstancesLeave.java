package dev.orderflow.systemtests.faults;

import dev.orderflow.localstack.launcher.ServiceProcess;

import java.util.List;

/**
 * Two instances of every service share the load (the consumer groups split the partitions, one relay per database
 * is active); then the added instance of each leaves gracefully mid-stream, for good, so its partitions move to
 * the first instance and, if it held the relay lease, so does the lease.
 */
record InstancesLeave() implements Scenario {

    @Override
    public String name() {
        return "two instances each, then one of each leaves";
    }

    @Override
    public int instances() {
        return 2;
    }

    @Override
    public void inject(FaultContext faults) {
        faults.awaitStreamAt(0.4);
        List<ServiceProcess> leaving = Backlogs.SERVICES.stream()
                .flatMap(service -> faults.instances(service).stream().skip(1)).toList();
        leaving.parallelStream().forEach(faults.stack()::removeInstance);
    }
}
