/** The signing keys: made at first start, kept in the database, rotated, and published as the JWK set. */
package dev.orderflow.auth.keys;
