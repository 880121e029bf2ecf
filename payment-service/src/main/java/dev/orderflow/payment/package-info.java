/** payment-service: customer credit, payments and their ledger; the only client of the payment gateway (PSP). */
package dev.orderflow.payment;
