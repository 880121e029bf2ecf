/** What the REST API of every service shares: one shape of RFC 9457 problem for every error. */
package dev.orderflow.web;
