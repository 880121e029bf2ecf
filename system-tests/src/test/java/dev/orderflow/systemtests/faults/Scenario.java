package dev.orderflow.systemtests.faults;

/**
 * One fault-injection scenario: a fault script that runs beside the order stream, waits for its point in it,
 * breaks something and heals it. The runner sets the stack up for it, streams the orders, waits for quiet and
 * checks the invariants; a scenario only says what goes wrong and when.
 */
interface Scenario {

    /** A short name for reports, e.g. "kill -9 of each service in turn". */
    String name();

    /** How many instances of every service the scenario runs with. */
    default int instances() {
        return 1;
    }

    /** Injects the fault (and normally heals it) while the stream runs. */
    void inject(FaultContext faults) throws Exception;
}
