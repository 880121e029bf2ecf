/** Payment's contract: commands on {@code payments.commands} and replies on {@code payments.events}, keyed by order id. */
package dev.orderflow.events.payment;
