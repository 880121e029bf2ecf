package dev.orderflow.systemtests;

import dev.orderflow.localstack.launcher.Stack;

import java.util.Collection;

/**
 * The catalog set-up and the invariant checks of these tests, opened to the load benchmark
 * ({@code dev.orderflow.systemtests.load}), which is a main class in a package of its own and so cannot see the
 * package-private helpers. Throws what the helpers throw (AssertJ and Awaitility errors) when something is wrong.
 */
public final class SystemChecks {

    private final Api api;

    /** For the services of this stack, started or merely describing the ports of one already running. */
    public SystemChecks(Stack stack) {
        this.api = new Api(stack);
    }

    /** Creates a product and waits until order-service's catalog replica prices it; answers its SKU. */
    public String newProduct(String price, int stock) {
        return new Catalog(api).newProduct(price, stock);
    }

    /** I1 to I5 of docs/contract.md for these orders and SKUs, once the system is quiet. */
    public void invariantsHoldFor(Collection<String> orderIds, Collection<String> skus) {
        new Invariants(api).holdFor(orderIds, skus);
    }
}
