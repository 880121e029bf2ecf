package dev.orderflow.systemtests.faults;

import dev.orderflow.localstack.launcher.OrderflowService;
import dev.orderflow.localstack.launcher.ServiceProcess;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * With two instances of every service, kill -9 of the instance holding the outbox relay lease, one service after
 * the other: the lease is a PostgreSQL session lock, so the other instance takes over within seconds (noted per
 * service as the failover time) and whatever the dead relay sent but had not marked is sent again.
 */
record RelayLeaseHolderCrash(List<OrderflowService> services) implements Scenario {

    private static final Duration FAILOVER_LIMIT = Duration.ofSeconds(15);

    @Override
    public String name() {
        return "kill -9 of the relay lease holder";
    }

    @Override
    public int instances() {
        return 2;
    }

    @Override
    public void inject(FaultContext faults) {
        List<ServiceProcess> killed = new ArrayList<>();
        for (int i = 0; i < services.size(); i++) {
            OrderflowService service = services.get(i);
            faults.awaitStreamAt(0.15 + 0.6 * i / services.size());
            ServiceProcess holder = faults.relayHolder(service);
            long crash = System.nanoTime();
            holder.kill();
            await(service.module() + "'s surviving instance to take the relay lease").atMost(FAILOVER_LIMIT)
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                    .until(() -> faults.instances(service).stream().filter(instance -> instance != holder)
                            .filter(ServiceProcess::isAlive).anyMatch(faults.shop()::relayActive));
            faults.note("failover " + service.module(), Duration.ofNanos(System.nanoTime() - crash));
            killed.add(holder.start());
        }
        killed.forEach(ServiceProcess::awaitReady);
    }
}
