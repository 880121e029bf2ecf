/** The REST API of the catalog and its stock (DESIGN.md section 2), with RFC 9457 problems for every bad request. */
package dev.orderflow.inventory.web;
