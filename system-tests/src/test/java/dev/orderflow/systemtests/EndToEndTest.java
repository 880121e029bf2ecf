package dev.orderflow.systemtests;

/**
 * What every end-to-end test has at hand: the running system's APIs, the invariant checks and fresh products.
 * The system itself is started once per test JVM by {@link RunningSystem}.
 */
abstract class EndToEndTest {

    final Api api = RunningSystem.api();
    final Invariants invariants = new Invariants(api);
    final Catalog catalog = new Catalog(api);
}
