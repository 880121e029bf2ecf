/** The ArchUnit rules every service and the shared modules are held to, one definition for all. */
package dev.orderflow.localstack.architecture;
