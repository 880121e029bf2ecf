package dev.orderflow.simulator.provider;

import dev.orderflow.simulator.web.IdempotencyKey;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The provider's HTTP API: accept a message under an {@code Idempotency-Key}, list what was delivered. */
@RestController
@RequestMapping("/provider/messages")
class ProviderController {

    private final MessageProvider provider;

    ProviderController(MessageProvider provider) {
        this.provider = provider;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    Accepted send(@RequestHeader(IdempotencyKey.HEADER) String key, @Valid @RequestBody MessageRequest request) {
        return new Accepted(provider.deliver(IdempotencyKey.require(key), request).messageId());
    }

    /** For tests: what reached a recipient (everyone's messages without the parameter). */
    @GetMapping
    List<DeliveredMessage> delivered(@RequestParam(required = false) String recipient) {
        return provider.deliveredTo(recipient);
    }

    record Accepted(String messageId) {
    }
}
