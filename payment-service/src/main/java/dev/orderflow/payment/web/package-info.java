/** The REST API: payments by order, credit accounts, RFC 9457 problems for bad input. */
package dev.orderflow.payment.web;
