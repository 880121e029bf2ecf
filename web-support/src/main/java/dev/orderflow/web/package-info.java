/**
 * What the REST API of every service shares: one shape of RFC 9457 problem for every error, a request-body limit
 * applied before anything reads the body (auto-configured, {@code orderflow.web.max-request-body}), and the shared
 * part of the OAuth2 resource server each service is ({@code security}).
 */
package dev.orderflow.web;
