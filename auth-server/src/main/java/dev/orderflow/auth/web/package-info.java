/** The authorization server's own administration over HTTP: the immediate rotation of the signing key. */
package dev.orderflow.auth.web;
