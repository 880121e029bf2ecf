/**
 * Anomaly screening of payments: what a payment looks like against its customer's own history ({@link Features},
 * computed by the same code for training and for scoring), the fixed rule it is measured against ({@link FixedRule}),
 * and the trained model a service loads ({@link ScreeningModel}), which refuses a model built on other features.
 */
package dev.orderflow.screening;
