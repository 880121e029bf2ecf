package dev.orderflow.payment.demo;

import dev.orderflow.events.Money;
import dev.orderflow.payment.cashier.CreditLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Demo customers {@code c-1001}..{@code c-1010} with 5,000 EUR of credit each, except {@code c-1007} with 20 EUR to
 * show a decline. Accounts that exist are left alone, so restarts never reset what customers spent.
 */
@Component
@Profile("demo")
class DemoData implements ApplicationRunner {

    /** The demo customer whose credit is too low for most orders. */
    static final String LOW_CREDIT_CUSTOMER = "c-1007";

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final CreditLimits creditLimits;

    DemoData(CreditLimits creditLimits) {
        this.creditLimits = creditLimits;
    }

    @Override
    public void run(ApplicationArguments args) {
        int opened = 0;
        for (int number = 1001; number <= 1010; number++) {
            String customerId = "c-" + number;
            Money limit = Money.of(customerId.equals(LOW_CREDIT_CUSTOMER) ? "20.00" : "5000.00", "EUR");
            if (creditLimits.openIfAbsent(customerId, limit)) {
                opened++;
            }
        }
        log.info("Demo credit accounts: {} opened, {} already there", opened, 10 - opened);
    }
}
