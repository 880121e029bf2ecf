/** How far each service's consumers are behind the topics they read, measured at the broker. */
package dev.orderflow.console.lag;
