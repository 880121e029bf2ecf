/** The console's HTTP API: orders in flight, one order's timeline, outcomes per second; administrators only. */
package dev.orderflow.console.web;
