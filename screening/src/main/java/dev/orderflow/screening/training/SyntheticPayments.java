package dev.orderflow.screening.training;

import dev.orderflow.screening.PaymentAttempt;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Labelled payments of made-up customers, the same for the same seed: most of them ordinary, some fraud of three
 * kinds seen in real payment systems.
 *
 * <p><b>Ordinary customers</b> open their account up to two years before the period (a tenth during it), pay at a rate
 * of their own (a few times a month on average, spread over a log-normal), at their own time of day, amounts
 * log-normal around their own mean (a few percent of customers are big spenders, whose ordinary payments can pass
 * the fixed rule's ceiling), baskets of one to a few lines. Now and then they make a big purchase (three to six times
 * their mean), pay several orders within minutes, are declined (credit), or have a payment refunded days later.
 *
 * <p><b>Fraud</b>, on about six percent of the customers, one incident each after the first week:
 * <ul>
 * <li>{@link Pattern#CARD_TESTING}: a burst of 6-30 small payments (1-15 EUR, one line) within 3-15 minutes at any
 * hour, most of them declined;</li>
 * <li>{@link Pattern#AMOUNT_SPIKE}: one or two payments of 8-30 times the customer's mean with a large basket;</li>
 * <li>{@link Pattern#ACCOUNT_TAKEOVER}: after three weeks or more without a payment, 2-6 payments within a few hours
 * at night (00-05 UTC), 2.5-8 times the mean, baskets of several lines.</li>
 * </ul>
 * Every payment of an incident is labelled fraud; every other one legitimate.
 */
public final class SyntheticPayments {

    /** The kinds of fraud made. */
    public enum Pattern { CARD_TESTING, AMOUNT_SPIKE, ACCOUNT_TAKEOVER }

    /** Something that happened to a customer, in time order. */
    public sealed interface Event permits Attempt, Refund {

        Instant at();

        String customerId();
    }

    /**
     * A payment attempt, how it ended, and its label.
     *
     * @param pattern the kind of fraud; null for a legitimate payment
     */
    public record Attempt(PaymentAttempt payment, boolean authorized, Pattern pattern) implements Event {

        public boolean fraud() {
            return pattern != null;
        }

        @Override
        public Instant at() {
            return payment.at();
        }

        @Override
        public String customerId() {
            return payment.customerId();
        }
    }

    /** An authorized payment refunded later. */
    public record Refund(String customerId, Instant at) implements Event {
    }

    /** A customer and everything it did, in time order. */
    public record Customer(String id, Instant accountOpenedAt, List<Event> events) {
    }

    /** The first day of the period. */
    static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

    private final long seed;
    private final int customers;
    private final int days;

    /**
     * @param customers how many customers
     * @param days      how long the period is
     */
    public SyntheticPayments(long seed, int customers, int days) {
        if (customers < 1 || days < 14) {
            throw new IllegalArgumentException("at least one customer and two weeks, not " + customers
                    + " customers over " + days + " days");
        }
        this.seed = seed;
        this.customers = customers;
        this.days = days;
    }

    /** Every customer, each made from a seed of its own, so that one customer's payments do not depend on another's. */
    public List<Customer> customers() {
        SplittableRandom seeds = new SplittableRandom(seed);
        List<Customer> made = new ArrayList<>(customers);
        for (int i = 0; i < customers; i++) {
            made.add(customer(String.format("c-%06d", i), new Random(seeds.nextLong())));
        }
        return made;
    }

    @Override
    public String toString() {
        return "SyntheticPayments(seed " + seed + ", " + customers + " customers, " + days + " days)";
    }

    private Customer customer(String id, Random random) {
        Instant end = START.plus(Duration.ofDays(days));
        Instant opened = random.nextDouble() < 0.1
                ? START.plusSeconds((long) (random.nextDouble() * (days - 7) * 86_400))
                : START.minusSeconds((long) ((1 + random.nextDouble() * 720) * 86_400));
        boolean bigSpender = random.nextDouble() < 0.04;
        double mean = bigSpender ? Math.exp(Math.log(1100) + 0.3 * random.nextGaussian())
                : Math.exp(Math.log(55) + 0.7 * random.nextGaussian());
        double perDay = Math.min(3, Math.exp(Math.log(0.25) + 0.8 * random.nextGaussian()));
        double hourCentre = Math.clamp(15 + 3 * random.nextGaussian(), 7, 22);

        List<Event> events = new ArrayList<>();
        Instant from = opened.isAfter(START) ? opened : START;
        double activeDays = Duration.between(from, end).toSeconds() / 86_400.0;
        long payments = poisson(random, perDay * activeDays);
        for (long p = 0; p < payments; p++) {
            Instant day = from.plusSeconds((long) (random.nextDouble() * activeDays * 86_400)).truncatedTo(
                    ChronoUnit.DAYS);
            Instant at = day.plusSeconds(secondOfDay(random, hourCentre));
            if (at.isBefore(from) || !at.isBefore(end)) {
                continue;
            }
            double amount = mean * Math.exp(0.45 * random.nextGaussian());
            if (random.nextDouble() < 0.02) {
                amount *= 3 + 3 * random.nextDouble(); // a big purchase
            }
            int burst = random.nextDouble() < 0.03 ? 2 + random.nextInt(3) : 1; // several orders at once
            for (int b = 0; b < burst; b++) {
                legitimate(events, random, id, at.plusSeconds(b * (30 + random.nextInt(240))),
                        b == 0 ? amount : mean * Math.exp(0.45 * random.nextGaussian()));
            }
        }
        events.sort(Comparator.comparing(Event::at));
        if (random.nextDouble() < 0.06 && activeDays > 10) {
            Instant incident = from.plusSeconds((long) ((7 + random.nextDouble() * (activeDays - 8)) * 86_400));
            fraud(events, random, id, incident, mean, end);
        }
        events.sort(Comparator.comparing(Event::at));
        return new Customer(id, opened, List.copyOf(events));
    }

    private static void legitimate(List<Event> events, Random random, String id, Instant at, double amount) {
        int lines = 1 + (int) Math.min(7, poisson(random, 1.2));
        int units = lines + (int) poisson(random, 0.8);
        boolean authorized = random.nextDouble() >= 0.02;
        events.add(new Attempt(new PaymentAttempt(id, at, cents(amount), lines, units), authorized, null));
        if (authorized && random.nextDouble() < 0.04) {
            events.add(new Refund(id, at.plusSeconds((long) ((1 + random.nextDouble() * 9) * 86_400))));
        }
    }

    private static void fraud(List<Event> events, Random random, String id, Instant incident, double mean,
            Instant end) {
        double which = random.nextDouble();
        Pattern pattern = which < 0.4 ? Pattern.CARD_TESTING : which < 0.7 ? Pattern.AMOUNT_SPIKE
                : Pattern.ACCOUNT_TAKEOVER;
        switch (pattern) {
            case CARD_TESTING -> {
                int attempts = 6 + random.nextInt(25);
                long span = (3 + random.nextInt(13)) * 60L;
                Instant at = incident.truncatedTo(ChronoUnit.DAYS)
                        .plusSeconds(random.nextInt(86_400));
                for (int i = 0; i < attempts; i++) {
                    Instant when = at.plusSeconds(span * i / attempts + random.nextInt(5));
                    events.add(new Attempt(new PaymentAttempt(id, when, cents(1 + 14 * random.nextDouble()), 1, 1),
                            random.nextDouble() >= 0.6, pattern));
                }
            }
            case AMOUNT_SPIKE -> {
                int attempts = 1 + random.nextInt(2);
                for (int i = 0; i < attempts; i++) {
                    int lines = 3 + random.nextInt(6);
                    events.add(new Attempt(new PaymentAttempt(id, incident.plusSeconds(i * (60L + random.nextInt(1_700))),
                            cents(mean * (8 + 22 * random.nextDouble())), lines, lines + random.nextInt(13)),
                            random.nextDouble() < 0.7, pattern));
                }
            }
            case ACCOUNT_TAKEOVER -> {
                // Dormant for three weeks before: the customer's own payments of that time are taken out.
                Instant night = incident.truncatedTo(ChronoUnit.DAYS)
                        .plusSeconds(random.nextInt(5 * 3_600));
                events.removeIf(event -> event.at().isAfter(night.minus(Duration.ofDays(21)))
                        && event.at().isBefore(night.plus(Duration.ofDays(1))));
                int attempts = 2 + random.nextInt(5);
                for (int i = 0; i < attempts; i++) {
                    int lines = 2 + random.nextInt(5);
                    events.add(new Attempt(new PaymentAttempt(id, night.plusSeconds(i * (300L + random.nextInt(2_400))),
                            cents(mean * (2.5 + 5.5 * random.nextDouble())), lines, lines + random.nextInt(6)),
                            random.nextDouble() < 0.8, pattern));
                }
            }
        }
        events.removeIf(event -> !event.at().isBefore(end));
    }

    private static long secondOfDay(Random random, double hourCentre) {
        double hour = hourCentre + 2.5 * random.nextGaussian();
        return Math.floorMod((long) (hour * 3_600), 86_400L);
    }

    private static double cents(double amount) {
        return Math.max(0.5, Math.round(amount * 100) / 100.0);
    }

    private static long poisson(Random random, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 50) {
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        long count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }
}
