/** Test helpers: the real external simulator, the saga's side of payments.commands and payments.events. */
package dev.orderflow.payment.support;
