/** Tests of the PostgreSQL queries behind "once" and "one sender at a time". */
package dev.orderflow.notification.store;
