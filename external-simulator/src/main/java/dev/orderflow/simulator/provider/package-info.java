/** The simulated mail/SMS provider: idempotent message delivery, kept in memory. */
package dev.orderflow.simulator.provider;
