/** The users who log in (customers, operators), in the server's own database; the demo users. */
package dev.orderflow.auth.users;
