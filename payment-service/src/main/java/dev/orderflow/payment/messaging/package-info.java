/** Consumes the saga's commands on payments.commands and answers on payments.events through the outbox. */
package dev.orderflow.payment.messaging;
