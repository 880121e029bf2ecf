package dev.orderflow.systemtests.faults;

import dev.orderflow.localstack.launcher.OrderflowService;
import dev.orderflow.localstack.launcher.ServiceProcess;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * kill -9 of each service in turn, spread over the stream, each started again after a pause: a crash between a
 * database commit and the Kafka send, or before an offset commit, must lose nothing (I6).
 */
record ServiceCrash(List<OrderflowService> services, Duration down) implements Scenario {

    @Override
    public String name() {
        return "kill -9 of " + String.join(", ", services.stream().map(OrderflowService::module).toList())
                + " in turn";
    }

    @Override
    public void inject(FaultContext faults) {
        List<ServiceProcess> restarted = new ArrayList<>();
        for (int i = 0; i < services.size(); i++) {
            faults.awaitStreamAt(0.15 + 0.6 * i / services.size());
            ServiceProcess crashed = faults.instances(services.get(i)).getFirst();
            crashed.kill();
            faults.pause(down);
            // Started, not awaited: the next crash comes at its point in the stream while this one boots.
            restarted.add(crashed.start());
        }
        long healing = System.nanoTime();
        restarted.forEach(ServiceProcess::awaitReady);
        faults.note("last restart ready", Duration.ofNanos(System.nanoTime() - healing));
    }
}
