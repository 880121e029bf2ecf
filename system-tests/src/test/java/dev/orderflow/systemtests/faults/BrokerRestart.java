package dev.orderflow.systemtests.faults;

import java.time.Duration;

/**
 * The Kafka broker stopped and started again on its data: orders are still accepted (the outbox holds their
 * commands), the relays and consumers wait, and everything flows again once it is back.
 */
record BrokerRestart(Duration down) implements Scenario {

    @Override
    public String name() {
        return "Kafka broker stopped " + down.toSeconds() + " s";
    }

    @Override
    public void inject(FaultContext faults) {
        faults.awaitStreamAt(0.3);
        faults.stack().kafka().stop();
        faults.pause(down);
        long starting = System.nanoTime();
        faults.stack().kafka().start(Duration.ofMinutes(3));
        faults.note("broker restart", Duration.ofNanos(System.nanoTime() - starting));
    }
}
