/** Settings ({@code orderflow.auth.*}), the security filter chains and what goes into a token. */
package dev.orderflow.auth.config;
