/**
 * Making a screening model: labelled payments from a documented generator ({@link SyntheticPayments}), their features
 * computed as a service computes them, a model trained and its threshold chosen on separate customers, and the
 * evaluation on held-out customers beside the fixed rule ({@link Trainer}).
 */
package dev.orderflow.screening.training;
