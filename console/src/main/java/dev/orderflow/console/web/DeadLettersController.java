package dev.orderflow.console.web;

import dev.orderflow.console.operations.AdminApis;
import dev.orderflow.console.store.DeadLetterLog;
import dev.orderflow.events.Topics;
import dev.orderflow.messaging.deadletter.DeadLetter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The dead letters the console has read from the dead-letter topics, per topic with the latest reason; and their
 * replay, which the service that gave up on them carries out (its {@code /actuator/deadletters}), with the
 * operator's own token: a dry run first says what would be sent.
 */
@RestController
@RequestMapping("/api/console/dead-letters")
class DeadLettersController {

    private final DeadLetterLog letters;
    private final AdminApis adminApis;
    private final OperatorToken operatorToken;

    DeadLettersController(DeadLetterLog letters, AdminApis adminApis, OperatorToken operatorToken) {
        this.letters = letters;
        this.adminApis = adminApis;
        this.operatorToken = operatorToken;
    }

    @GetMapping("/topics")
    @Operation(summary = "Every dead-letter topic with dead letters: how many, the service that gave up on them, "
            + "the latest one's time and reason.")
    List<DeadLetterLog.TopicSummary> topics() {
        return letters.perTopic();
    }

    @GetMapping
    @Operation(summary = "The latest dead letters, of one dead-letter topic or of all.")
    List<DeadLetter> latest(@Parameter(description = "a dead-letter topic, e.g. inventory.commands.dlt; all if absent")
                            @RequestParam(required = false) String topic,
                            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        if (topic != null) {
            requireDeadLetterTopic(topic);
        }
        return letters.latest(topic, limit);
    }

    @PostMapping("/{topic}/replay")
    @Operation(summary = "Replay dead letters of a topic through the service that gave up on them.",
            description = "Body {\"dryRun\": true} first: what would be sent. With partition and offset one letter, "
                    + "without every letter never replayed. The service's answer is relayed as it came; 503 with "
                    + "Retry-After when it is away; 404 when the console has seen no dead letter on the topic.")
    ResponseEntity<String> replay(@PathVariable String topic, @RequestBody(required = false) @Nullable Replay replay,
                                  Authentication caller) {
        requireDeadLetterTopic(topic);
        Replay asked = replay == null ? new Replay(null, null, true) : replay;
        String owner = letters.perTopic().stream().filter(summary -> summary.topic().equals(topic)).findFirst()
                .map(DeadLetterLog.TopicSummary::consumerGroup)
                .orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(
                        HttpStatus.NOT_FOUND, "The console has seen no dead letter on " + topic + "."), null));
        return AdminAnswers.relay(adminApis.replayDeadLetters(owner, topic, asked.partition(), asked.offset(),
                !Boolean.FALSE.equals(asked.dryRun()), operatorToken.of(caller)));
    }

    /**
     * What to replay: one letter by partition and offset, or all never replayed; a dry run unless
     * {@code dryRun} is false.
     */
    record Replay(@Nullable Integer partition, @Nullable Long offset, @Nullable Boolean dryRun) {
    }

    private static void requireDeadLetterTopic(String topic) {
        if (!Topics.isDeadLetter(topic) || !Topics.ALL.contains(Topics.ofDeadLetter(topic))) {
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, ProblemDetail.forStatusAndDetail(
                    HttpStatus.BAD_REQUEST, "not a dead-letter topic of orderflow: a consumed topic and .dlt, e.g. "
                            + Topics.deadLetter(Topics.INVENTORY_COMMANDS)), null);
        }
    }
}
