package dev.orderflow.systemtests.faults;

import dev.orderflow.localstack.launcher.OrderflowService;
import dev.orderflow.localstack.launcher.ServiceProcess;
import dev.orderflow.systemtests.RunningSystem;

import java.time.Duration;

/**
 * A saga participant down for longer than the saga deadline, then back: the orders waiting on it end
 * REJECTED/TIMED_OUT with their compensations sent, and the replies it gives late (a reservation, an authorization)
 * are compensated too, so nothing stays held or charged.
 */
record ParticipantPastDeadline(OrderflowService participant, Duration beyondDeadline) implements Scenario {

    @Override
    public String name() {
        return participant.module() + " down past the saga deadline";
    }

    @Override
    public void inject(FaultContext faults) {
        faults.awaitStreamAt(0.2);
        ServiceProcess down = faults.instances(participant).getFirst();
        down.kill();
        faults.pause(RunningSystem.SAGA_DEADLINE.plus(beyondDeadline));
        down.start().awaitReady();
    }
}
