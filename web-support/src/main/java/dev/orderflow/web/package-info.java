/**
 * What the REST API of every service shares: one shape of RFC 9457 problem for every error, and a request-body limit
 * applied before anything reads the body (auto-configured, {@code orderflow.web.max-request-body}).
 */
package dev.orderflow.web;
