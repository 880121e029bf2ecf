/** Authorizes and refunds payments: credit check, fraud screening, the gateway, the ledger, in one transaction. */
package dev.orderflow.payment.cashier;
