package dev.orderflow.order.messaging;

/**
 * The consumer that inventory's and payment's replies share
 * ({@link dev.orderflow.messaging.MessageHandler#sharedConsumer}): one poll loop, one connection's fetches and one
 * group member's heartbeats instead of two. Both feed the same sagas in the same database, so a reply retried after a
 * failure may hold up the other topic's replies for its backoff (a database that fails one fails both anyway); an
 * order's replies on each topic stay in order. The catalog's updates keep a consumer of their own: a poisoned product
 * update must not hold up any saga.
 */
final class SagaReplies {

    static final String CONSUMER = "saga-replies";

    private SagaReplies() {
    }
}
