/** The REST API of the catalog and its stock (docs/contract.md section 2), with RFC 9457 problems for every bad request. */
package dev.orderflow.inventory.web;
