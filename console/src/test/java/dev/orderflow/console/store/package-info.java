/** Tests of the read model's statements on the real PostgreSQL. */
package dev.orderflow.console.store;
