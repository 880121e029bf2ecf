package dev.orderflow.messaging.deadletter;

import org.apache.kafka.clients.producer.Producer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.util.Map;

/**
 * The producer that writes dead letters and replays them: String keys, raw byte[] values, so a record is moved
 * byte for byte. Deliberately not a {@code ProducerFactory} or {@code KafkaTemplate} bean, which would replace the
 * ones Spring Boot configures for the service's own use.
 */
public final class DeadLetterProducer implements DisposableBean {

    private final DefaultKafkaProducerFactory<String, byte[]> factory;
    private final KafkaTemplate<String, byte[]> template;

    public DeadLetterProducer(Map<String, Object> config) {
        this.factory = new DefaultKafkaProducerFactory<>(config);
        this.template = new KafkaTemplate<>(factory);
    }

    public KafkaTemplate<String, byte[]> template() {
        return template;
    }

    /** The shared producer (closing it is a no-op; the factory closes it on shutdown). */
    public Producer<String, byte[]> producer() {
        return factory.createProducer();
    }

    @Override
    public void destroy() {
        factory.destroy();
    }
}
