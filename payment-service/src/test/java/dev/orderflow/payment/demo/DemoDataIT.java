package dev.orderflow.payment.demo;

import dev.orderflow.events.Money;
import dev.orderflow.localstack.RealInfrastructure;
import dev.orderflow.payment.cashier.CreditLimits;
import dev.orderflow.payment.domain.CreditAccount;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo profile seeds the demo customers, and seeding again never resets what they spent. */
@SpringBootTest(properties = {"orderflow.messaging.consumer.enabled=false", "orderflow.messaging.relay.enabled=false",
        "orderflow.payment.reconciliation.enabled=false"})
@ActiveProfiles("demo")
@Import(RealInfrastructure.class)
class DemoDataIT {

    @Autowired
    DemoData demoData;

    @Autowired
    CreditLimits creditLimits;

    @Test
    void seedsTenCustomersOneOfThemWithLowCredit() {
        for (int number = 1001; number <= 1010; number++) {
            assertThat(creditLimits.account("c-" + number)).as("c-" + number).isPresent();
        }
        assertThat(creditLimits.account("c-1007").map(CreditAccount::creditLimit)).hasValue(eur("20.00"));
        assertThat(creditLimits.account("c-1001").map(CreditAccount::creditLimit)).hasValue(eur("5000.00"));
    }

    @Test
    void seedingAgainLeavesExistingAccountsAlone() {
        creditLimits.setLimit("c-1002", eur("7000.00"));

        demoData.run(null);

        assertThat(creditLimits.account("c-1002").map(CreditAccount::creditLimit)).hasValue(eur("7000.00"));
    }

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }
}
