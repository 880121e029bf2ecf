package dev.orderflow.order.saga;

import dev.orderflow.order.config.OrderProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/** Every {@code orderflow.order.deadline-scan-interval}, times out the sagas whose deadline has passed. */
@Component
class SagaDeadlines implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(SagaDeadlines.class);

    private final PlaceOrderSagas sagas;
    private final OrderProperties properties;

    SagaDeadlines(PlaceOrderSagas sagas, OrderProperties properties) {
        this.sagas = sagas;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::scan, properties.deadlineScanInterval());
    }

    void scan() {
        try {
            int timedOut;
            do {
                timedOut = sagas.timeOutOverdue();
            } while (timedOut == properties.deadlineScanBatch());
        } catch (RuntimeException e) {
            // The next scan tries again; the overdue sagas are still there.
            log.warn("Deadline scan failed: {}", e.toString());
        }
    }
}
