/** Tests of the console's consumers on the real topics. */
package dev.orderflow.console.messaging;
