/**
 * The JSON wire format of the contracts: one codec, independent of any application's own JSON settings, so that
 * a service tweaking its REST output can never change what travels on Kafka.
 */
package dev.orderflow.events.wire;
