/** What a customer is told about an order and the life of that message until it is delivered; no framework code. */
package dev.orderflow.notification.domain;
