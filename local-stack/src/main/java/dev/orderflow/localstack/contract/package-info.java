/** Holds what a service serves about itself to the documents committed in the repository's docs/. */
package dev.orderflow.localstack.contract;
