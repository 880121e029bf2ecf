/** The scoring benchmark: what screening a payment costs, beside the fixed rule it replaces. Not a test. */
package dev.orderflow.screening.benchmark;
