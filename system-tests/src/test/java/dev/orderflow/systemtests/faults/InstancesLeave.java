package dev.orderflow.systemtests.faults;

import dev.orderflow.localstack.launcher.ServiceProcess;

import java.util.List;

/**
 * Two instances of every service share the load (the consumer groups split the partitions, one relay per database
 * is active); then one instance of each leaves gracefully mid-stream, so its partitions move to the other, and
 * comes back later, so they move again.
 */
record InstancesLeave() implements Scenario {

    @Override
    public String name() {
        return "two instances each, one leaves and returns";
    }

    @Override
    public int instances() {
        return 2;
    }

    @Override
    public void inject(FaultContext faults) {
        faults.awaitStreamAt(0.3);
        // The first instances started first, so they hold the relay leases: their leaving moves those too.
        List<ServiceProcess> leaving = Backlogs.SERVICES.stream()
                .map(service -> faults.instances(service).getFirst()).toList();
        leaving.parallelStream().forEach(ServiceProcess::stop);
        faults.awaitStreamAt(0.7);
        leaving.forEach(ServiceProcess::start);
        leaving.forEach(ServiceProcess::awaitReady);
    }
}
