package dev.orderflow.notification.web;

import dev.orderflow.web.ProblemDetailsAdvice;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Notification-service's problems: its API only reads, so it refuses nothing of its own; validation, unreadable
 * requests and a database that is away are the shape every service shares.
 */
@RestControllerAdvice
class ProblemDetails extends ProblemDetailsAdvice {
}
