package dev.orderflow.messaging.it;

import dev.orderflow.events.Topics;
import dev.orderflow.events.inventory.CommitStock;
import dev.orderflow.events.inventory.InventoryCommand;
import dev.orderflow.events.inventory.ReleaseStock;
import dev.orderflow.events.inventory.ReserveStock;
import dev.orderflow.events.inventory.StockReserved;
import dev.orderflow.messaging.IncomingMessage;
import dev.orderflow.messaging.MessageHandler;
import dev.orderflow.messaging.Outbox;
import dev.orderflow.messaging.PoisonMessageException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The test application's handler. Every command leaves an effect row; a reservation also answers on the outbox.
 * Tests steer it per order: poison a reservation, fail a release once, or crash after the commit (before the offset
 * commit).
 */
class InventoryCommandsHandler implements MessageHandler<InventoryCommand> {

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final Set<UUID> poisoned = ConcurrentHashMap.newKeySet();
    private final Set<UUID> crashAfterCommit = ConcurrentHashMap.newKeySet();
    private final Set<UUID> failOnce = ConcurrentHashMap.newKeySet();

    InventoryCommandsHandler(JdbcTemplate jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    void poison(UUID orderId) {
        poisoned.add(orderId);
    }

    void cure(UUID orderId) {
        poisoned.remove(orderId);
    }

    void failReleaseOnce(UUID orderId) {
        failOnce.add(orderId);
    }

    void crashOnceAfterCommit(UUID orderId) {
        crashAfterCommit.add(orderId);
    }

    int effects(UUID orderId, String kind) {
        return jdbc.queryForObject("select count(*) from test_effect where order_id = ? and kind = ?", Integer.class,
                orderId, kind);
    }

    @Override
    public String topic() {
        return Topics.INVENTORY_COMMANDS;
    }

    @Override
    public Class<InventoryCommand> messageType() {
        return InventoryCommand.class;
    }

    @Override
    public void handle(InventoryCommand command, IncomingMessage envelope) {
        switch (command) {
            case ReserveStock reserve -> {
                if (poisoned.contains(reserve.orderId())) {
                    throw new PoisonMessageException("order " + reserve.orderId() + " cannot be reserved, ever");
                }
                effect(envelope, reserve.orderId(), "reserved");
                outbox.append(reserve.orderId().toString(), new StockReserved(reserve.orderId(), reserve.lines()));
            }
            case ReleaseStock release -> {
                if (failOnce.remove(release.orderId())) {
                    throw new IllegalStateException("simulated transient failure of the release of " + release.orderId());
                }
                effect(envelope, release.orderId(), "released");
            }
            case CommitStock commit -> {
                effect(envelope, commit.orderId(), "committed");
                if (crashAfterCommit.remove(commit.orderId())) {
                    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            throw new IllegalStateException("simulated crash after the commit, before the offset commit");
                        }
                    });
                }
            }
        }
    }

    private void effect(IncomingMessage envelope, UUID orderId, String kind) {
        jdbc.update("insert into test_effect (message_id, order_id, kind) values (?, ?, ?)", envelope.id(), orderId,
                kind);
    }
}
