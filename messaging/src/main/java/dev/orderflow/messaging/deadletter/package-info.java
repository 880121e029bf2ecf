/** Dead letters: listing the messages consumers gave up on and replaying them once the cause is fixed. */
package dev.orderflow.messaging.deadletter;
