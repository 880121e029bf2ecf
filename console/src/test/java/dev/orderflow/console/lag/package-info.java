/** The consumer lag the console measures at the broker. */
package dev.orderflow.console.lag;
