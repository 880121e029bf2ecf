/** Settings ({@code orderflow.payment.*}), shared beans and the demo data. */
package dev.orderflow.payment.config;
