package dev.orderflow.console.web;

import dev.orderflow.console.operations.AdminApis;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A service's answer to an operator's action, passed on as it came: its status and its JSON or problem detail. */
final class AdminAnswers {

    private AdminAnswers() {
    }

    static ResponseEntity<String> relay(AdminApis.Answer answer) {
        return ResponseEntity.status(answer.status())
                .contentType(answer.status() < 400 ? MediaType.APPLICATION_JSON : MediaType.APPLICATION_PROBLEM_JSON)
                .body(answer.body());
    }
}
