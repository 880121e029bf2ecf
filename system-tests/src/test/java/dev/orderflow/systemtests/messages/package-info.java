/**
 * Hostile and repeated messages written straight to the live topics of the running system: poison records must
 * end in dead-letter topics without blocking a partition, and duplicates and replays must have their effects once.
 */
package dev.orderflow.systemtests.messages;
