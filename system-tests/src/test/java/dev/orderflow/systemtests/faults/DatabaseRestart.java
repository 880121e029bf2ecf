package dev.orderflow.systemtests.faults;

import java.time.Duration;

/**
 * PostgreSQL stopped (fast shutdown: every session cut, transactions in flight rolled back) and started again on
 * its data: POSTs are refused meanwhile, handlers fail and are retried, the relays reconnect and take their leases
 * again. Shorter than the consumers' retry budget, so nothing should reach a dead-letter topic.
 */
record DatabaseRestart(Duration down) implements Scenario {

    @Override
    public String name() {
        return "PostgreSQL stopped " + down.toSeconds() + " s";
    }

    @Override
    public void inject(FaultContext faults) {
        faults.awaitStreamAt(0.3);
        faults.stack().stopPostgres();
        faults.pause(down);
        faults.stack().startPostgres();
    }
}
