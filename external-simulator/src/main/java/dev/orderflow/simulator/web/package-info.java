/** HTTP concerns shared by the simulated parties: the idempotency header and RFC 9457 problem answers. */
package dev.orderflow.simulator.web;
