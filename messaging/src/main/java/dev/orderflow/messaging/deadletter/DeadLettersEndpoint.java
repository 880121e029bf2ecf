package dev.orderflow.messaging.deadletter;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /actuator/deadletters}: {@code GET} lists the messages of every dead-letter topic of the service,
 * {@code GET /{topic}} of one; {@code POST /{topic}} with {@code {"partition": 0, "offset": 12}} replays one
 * message, with {@code {}} every message never replayed, and {@code "dryRun": true} only says what it would replay.
 */
@Endpoint(id = "deadletters")
public class DeadLettersEndpoint {

    private final DeadLetters deadLetters;

    public DeadLettersEndpoint(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @ReadOperation
    public Map<String, List<DeadLetter>> deadLetters() {
        Map<String, List<DeadLetter>> all = new LinkedHashMap<>();
        for (String topic : deadLetters.topics()) {
            all.put(topic, deadLetters.list(topic));
        }
        return all;
    }

    /** The dead letters of one topic; {@code null} (404) if it is not a dead-letter topic of this service. */
    @ReadOperation
    public @Nullable List<DeadLetter> deadLetters(@Selector String topic) {
        return deadLetters.topics().contains(topic) ? deadLetters.list(topic) : null;
    }

    @WriteOperation
    public ReplayReport replay(@Selector String topic, @Nullable Integer partition, @Nullable Long offset,
            @Nullable Boolean dryRun) {
        if (!deadLetters.topics().contains(topic)) {
            throw new InvalidEndpointRequestException("not a dead-letter topic of this service: " + topic,
                    "unknown dead-letter topic");
        }
        if ((partition == null) != (offset == null)) {
            throw new InvalidEndpointRequestException("give both partition and offset to replay one message, "
                    + "or neither to replay all", "partition and offset go together");
        }
        boolean dry = Boolean.TRUE.equals(dryRun);
        try {
            return partition == null
                    ? deadLetters.replayAll(topic, dry)
                    : deadLetters.replay(topic, partition, offset, dry);
        } catch (IllegalArgumentException e) {
            throw new InvalidEndpointRequestException(e.getMessage(), "no such dead letter");
        }
    }
}
