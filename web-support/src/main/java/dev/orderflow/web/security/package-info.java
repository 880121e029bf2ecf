/**
 * Every service as an OAuth2 resource server: the shared part of its filter chain ({@link
 * dev.orderflow.web.security.ResourceServer}), who the caller is ({@link dev.orderflow.web.security.Caller}), and
 * 401/403 as problem details.
 */
package dev.orderflow.web.security;
