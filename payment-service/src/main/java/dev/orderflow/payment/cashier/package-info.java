/**
 * Authorizes and refunds payments: credit check, fraud screening and holds in the command's transaction, the charge
 * at the gateway beside it (the charge worker), the ledger, and the search for charges made after we gave up.
 */
package dev.orderflow.payment.cashier;
