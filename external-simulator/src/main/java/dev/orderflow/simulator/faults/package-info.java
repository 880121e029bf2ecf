/** Latency, failures and outages that can be switched on at run time, per simulated party. */
package dev.orderflow.simulator.faults;
