/** Credit accounts, payments, the append-only ledger and fraud screening: business rules without Spring. */
package dev.orderflow.payment.domain;
