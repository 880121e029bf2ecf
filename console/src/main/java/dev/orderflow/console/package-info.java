/** console: watches every order's saga on the event streams and shows it to operators, live. */
package dev.orderflow.console;
