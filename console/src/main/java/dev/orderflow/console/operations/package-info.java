/** Operators' actions on a stuck saga, carried out by the service that owns it through its admin API. */
package dev.orderflow.console.operations;
