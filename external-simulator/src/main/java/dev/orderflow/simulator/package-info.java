/** A stand-in for the outside world (a payment gateway and a notification provider) for local runs and tests. */
package dev.orderflow.simulator;
