/** The simulated payment gateway (PSP): idempotent charges and refunds, kept in memory. */
package dev.orderflow.simulator.psp;
