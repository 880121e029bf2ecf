/** Tests of the console's HTTP API: who may read it, what it answers, its committed OpenAPI document. */
package dev.orderflow.console.web;
