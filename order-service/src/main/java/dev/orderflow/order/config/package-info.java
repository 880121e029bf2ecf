/** Order-service's settings ({@code orderflow.order.*}) and the infrastructure beans they drive. */
package dev.orderflow.order.config;
