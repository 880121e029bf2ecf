/** Demo customers and their credit, seeded in the demo profile only (never by a production migration). */
package dev.orderflow.payment.demo;
