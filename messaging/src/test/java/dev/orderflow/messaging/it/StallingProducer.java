package dev.orderflow.messaging.it;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real producer whose acknowledgements stop arriving after a number of sends, until released: the records do
 * reach Kafka, but the relay using it is caught between sending and marking, as when it dies mid-batch.
 */
final class StallingProducer {

    private final int acknowledgedSends;
    private final AtomicInteger sends = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);

    StallingProducer(int acknowledgedSends) {
        this.acknowledgedSends = acknowledgedSends;
    }

    /** Whether a send has been made whose acknowledgement is held back. */
    boolean stalled() {
        return sends.get() > acknowledgedSends;
    }

    void release() {
        release.countDown();
    }

    @SuppressWarnings("unchecked")
    Producer<String, byte[]> wrap(Producer<String, byte[]> producer) {
        return (Producer<String, byte[]>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Producer.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(producer, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("send") && sends.incrementAndGet() > acknowledgedSends) {
                        Future<RecordMetadata> acknowledgement = (Future<RecordMetadata>) result;
                        return CompletableFuture.supplyAsync(() -> {
                            try {
                                release.await();
                                return acknowledgement.get();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw new IllegalStateException(e);
                            } catch (ExecutionException e) {
                                throw new IllegalStateException(e.getCause());
                            }
                        });
                    }
                    return result;
                });
    }
}
