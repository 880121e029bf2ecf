/** The REST API of order-service (docs/contract.md section 2): requests, responses and RFC 9457 problem details. */
package dev.orderflow.order.web;
