/** What a message says about an order's saga (its step, its outcome) and an order's timeline; no framework code. */
package dev.orderflow.console.domain;
