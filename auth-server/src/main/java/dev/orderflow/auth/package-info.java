/**
 * auth-server: orderflow's OAuth 2 authorization server (Spring Authorization Server). Customers log in with the
 * authorization code flow and PKCE, machine clients use client credentials, and every access token is a JWT for the
 * audience the services check, signed with a key kept in the server's own database.
 */
package dev.orderflow.auth;
