package dev.orderflow.console.web;

import dev.orderflow.web.ProblemDetailsAdvice;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The console's problems: it only reads, so it refuses nothing of its own beyond an unknown order (a 404 answered by
 * the controller); validation, unreadable requests and a database that is away are the shape every service shares.
 */
@RestControllerAdvice
class ProblemDetails extends ProblemDetailsAdvice {
}
