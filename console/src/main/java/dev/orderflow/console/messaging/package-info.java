/** The console's consumers: every message of the place-order saga's topics, through the inbox, into the read model. */
package dev.orderflow.console.messaging;
