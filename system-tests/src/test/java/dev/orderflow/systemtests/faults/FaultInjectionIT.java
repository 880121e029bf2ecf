package dev.orderflow.systemtests.faults;

import dev.orderflow.systemtests.RunningSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.orderflow.localstack.launcher.OrderflowService.INVENTORY;
import static dev.orderflow.localstack.launcher.OrderflowService.NOTIFICATION;
import static dev.orderflow.localstack.launcher.OrderflowService.ORDER;
import static dev.orderflow.localstack.launcher.OrderflowService.PAYMENT;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The fault-injection suite of issue 5, one scenario per test, in sequence on the shared stack (each heals what it
 * broke). The last two run two instances of every service: the second instances start once, for the relay lease
 * holder crash, and leave in the last scenario; whatever is left is removed when the suite ends.
 *
 * <p>In {@code ./mvnw verify} it is the short form: {@value #CI_ORDERS} orders per scenario at {@value #CI_RATE}
 * orders/s, and only the scenarios no other test covers; the three marked {@link #fullFormOnly()} (a participant
 * down past the deadline, a gateway outage, a provider outage) are also end-to-end tests of their own
 * ({@code FailureIT}, and notification-service's delivery tests), so the short form leaves them out to stay within a
 * few minutes. The long form runs every scenario with more orders, e.g.
 * {@code ./mvnw -pl system-tests verify -Dit.test=FaultInjectionIT -Dfaults.orders=10000} (see the README);
 * {@code -Dfaults.all=true} runs every scenario at any size, {@code -Dfaults.rate} sets the stream's rate. Each
 * scenario prints one {@code [faults]} line and appends it to
 * {@code target/faults-report.txt}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionIT {

    static final int CI_ORDERS = 100;
    static final String CI_RATE = "15";

    private static ScenarioRunner runner;

    /** Skips a scenario in the short form; see the class comment. */
    private static void fullFormOnly() {
        assumeTrue(Boolean.getBoolean("faults.all") || Integer.getInteger("faults.orders", CI_ORDERS) > CI_ORDERS,
                "covered by its own end-to-end test; runs in the long form (-Dfaults.orders=... or -Dfaults.all=true)");
    }

    @BeforeAll
    static void startTheSystem() {
        runner = new ScenarioRunner(RunningSystem.stack(), Integer.getInteger("faults.orders", CI_ORDERS),
                Double.parseDouble(System.getProperty("faults.rate", CI_RATE)),
                Path.of("target", "faults-report.txt"));
    }

    @AfterAll
    static void restoreTheSystem() {
        if (runner != null) {
            runner.close();
        }
    }

    @Test
    @Order(1)
    void killingEachServiceInTurnLosesNothing() {
        runner.check(new ServiceCrash(List.of(ORDER, INVENTORY, PAYMENT, NOTIFICATION), Duration.ofSeconds(3)));
    }

    @Test
    @Order(2)
    void paymentDownPastTheSagaDeadlineTimesOrdersOutAndCompensatesItsLateReplies() {
        fullFormOnly();
        runner.check(new ParticipantPastDeadline(PAYMENT, Duration.ofSeconds(5)));
    }

    @Test
    @Order(3)
    void aStoppedBrokerDelaysOrdersButLosesNone() {
        runner.check(new BrokerRestart(Duration.ofSeconds(10)));
    }

    @Test
    @Order(4)
    void aStoppedDatabaseRefusesOrdersMeanwhileAndLosesNoneItAccepted() {
        runner.check(new DatabaseRestart(Duration.ofSeconds(8)));
    }

    @Test
    @Order(5)
    void aGatewayOutageRejectsOrdersAsPaymentUnavailableAndChargesNothingTwice() {
        fullFormOnly();
        runner.check(PartyFault.pspOutage(Duration.ofSeconds(8)));
    }

    @Test
    @Order(6)
    void aGatewaySlowerThanTheTimeLimitChargesNothingTwice() {
        runner.check(PartyFault.pspSlow(Duration.ofSeconds(8)));
    }

    @Test
    @Order(7)
    void aNotificationProviderOutageDelaysNotificationsButSendsEachOnce() {
        fullFormOnly();
        runner.check(PartyFault.providerOutage(Duration.ofSeconds(10)));
    }

    @Test
    @Order(8)
    void killingTheRelayLeaseHolderFailsOverWithinSeconds() {
        runner.check(new RelayLeaseHolderCrash(List.of(ORDER, INVENTORY, PAYMENT, NOTIFICATION)));
    }

    @Test
    @Order(9)
    void twoInstancesOfEveryServiceShareTheLoadAndOneLeavingLosesNothing() {
        runner.check(new InstancesLeave());
    }
}
