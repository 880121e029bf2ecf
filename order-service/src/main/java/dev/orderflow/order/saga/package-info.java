/**
 * The place-order saga that order-service orchestrates: its steps, replies, compensations and deadline
 * (docs/contract.md section 4), its persisted state and the scan that times out sagas past their deadline.
 */
package dev.orderflow.order.saga;
