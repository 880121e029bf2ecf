package dev.orderflow.auth.users;

import dev.orderflow.auth.config.AuthProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.UserDetailsManager;
import org.springframework.stereotype.Component;

/**
 * The demo users: the customers {@code c-1001}..{@code c-1010} of the other services' demo data and the operator
 * {@code ops}, all with the password {@code orderflow.auth.demo-password}, which has no default: the launcher and
 * {@code docker compose} generate one per machine. Users that exist are left alone.
 */
@Component
@Profile("demo")
class DemoUsers implements ApplicationRunner {

    static final String OPERATOR = "ops";

    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

    private final UserDetailsManager users;
    private final PasswordEncoder passwords;
    private final String password;

    DemoUsers(UserDetailsManager users, PasswordEncoder passwords, AuthProperties properties) {
        String password = properties.demoPassword();
        if (password == null || password.length() < 12) {
            throw new IllegalStateException("orderflow.auth.demo-password must have at least 12 characters");
        }
        this.users = users;
        this.passwords = passwords;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        int created = 0;
        for (int number = 1001; number <= 1010; number++) {
            created += createIfAbsent("c-" + number, "CUSTOMER");
        }
        created += createIfAbsent(OPERATOR, "ADMIN");
        if (created > 0) {
            log.info("Created {} demo users (customers c-1001..c-1010, operator {})", created, OPERATOR);
        }
    }

    private int createIfAbsent(String username, String role) {
        if (users.userExists(username)) {
            return 0;
        }
        users.createUser(User.withUsername(username).password(passwords.encode(password)).roles(role).build());
        return 1;
    }
}
