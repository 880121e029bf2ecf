/** Spring Data repositories of the domain's persistent types. */
package dev.orderflow.payment.store;
