package dev.orderflow.console.web;

/** The page's login has no valid access token left to act with: the operator logs in again. */
class LoginExpiredException extends RuntimeException {

    LoginExpiredException() {
        super("The access token of this login has expired; reload the page to log in again.");
    }
}
