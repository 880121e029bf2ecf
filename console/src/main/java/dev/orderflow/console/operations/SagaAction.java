package dev.orderflow.console.operations;

/** What an operator may do with a saga stuck in a running step; order-service decides and carries it out. */
public enum SagaAction {

    /** Its step's command sent again, with a new deadline. */
    RESUME("resume"),
    /** Ended now as its deadline would end it, with its compensations. */
    COMPENSATE("compensate");

    private final String path;

    SagaAction(String path) {
        this.path = path;
    }

    String path() {
        return path;
    }
}
