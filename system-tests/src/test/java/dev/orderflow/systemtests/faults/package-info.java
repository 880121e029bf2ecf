/**
 * The fault-injection suite: order streams against the stack's real processes while a fault is injected (a
 * crash, a stopped broker or database, a failing outside party, a participant down past the saga deadline), then
 * invariants I1-I6 checked on every service's own data once the system is quiet.
 */
package dev.orderflow.systemtests.faults;
