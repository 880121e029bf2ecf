package dev.orderflow.screening.training;

import dev.orderflow.screening.FixedRule;
import dev.orderflow.screening.ModelCard;
import dev.orderflow.screening.ScreeningModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A small training (fewer customers and trees than the committed model's) end to end: the model beats the fixed rule
 * on held-out customers, survives being saved and loaded, and a model that does not fit this code is refused.
 */
class TrainerTest {

    private static final Trainer.Settings SMALL = new Trainer.Settings(1200, 45, 7L, 10, 8, 0.2, "payment-screening-test");

    private static Trainer.Result trained;

    @BeforeAll
    static void train() {
        trained = new Trainer(SMALL, FixedRule.AS_CONFIGURED,
                Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC)).train();
    }

    @Test
    void catchesMoreFraudThanTheFixedRuleAtNoLowerPrecisionOnHeldOutCustomers() {
        ModelCard card = trained.card();

        assertThat(card.model().recall()).as("recall of the model against the rule's %s", card.rule().recall())
                .isGreaterThan(card.rule().recall());
        assertThat(card.model().precision()).as("precision of the model against the rule's %s", card.rule().precision())
                .isGreaterThanOrEqualTo(card.rule().precision());
        assertThat(card.model().prAuc()).isBetween(0.0, 1.0);
        assertThat(card.model().rocAuc()).isGreaterThan(0.9);
        assertThat(card.data().testRows()).isGreaterThan(1000);
        assertThat(card.model().truePositives() + card.model().falseNegatives())
                .isEqualTo(card.rule().truePositives() + card.rule().falseNegatives()).isPositive();
    }

    @Test
    void printsTheEvaluationOfModelAndRule() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Trainer.report(trained.card(), new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("| screen | precision | recall | PR-AUC |",
                "| model at ", "| fixed rule |", "held-out");
    }

    @Test
    void aSavedModelLoadsAndScoresAsBefore(@TempDir Path directory) throws IOException {
        trained.model().save(directory);
        ScreeningModel loaded = ScreeningModel.load(directory, SMALL.version());

        double[] ordinary = {0, 0, 0, 1, Math.log1p(50), 0, -0.2, 2, 3, Math.log1p(200), Math.log1p(12), 0, 0, 0,
                Math.log1p(72), 0.5, -0.8, 0};
        double[] testing = {9, 20, 20, 20, Math.log1p(3), -3, -3.5, 1, 1, Math.log1p(2), Math.log1p(25), 12, 0.5, 0,
                Math.log1p(0.01), 0.9, 0.4, 0};
        assertThat(loaded.score(ordinary)).isEqualTo(trained.model().score(ordinary));
        assertThat(loaded.score(testing)).isEqualTo(trained.model().score(testing)).isGreaterThan(loaded.score(ordinary));
        assertThat(loaded.card()).isEqualTo(trained.card());
    }

    @Test
    void refusesAMissingModelWithWhatToDo(@TempDir Path empty) {
        assertThatThrownBy(() -> ScreeningModel.load(empty, "payment-screening-v9"))
                .isInstanceOf(ScreeningModel.InvalidModelException.class)
                .hasMessageContaining("no screening model payment-screening-v9")
                .hasMessageContaining("train one");
    }

    @Test
    void refusesAModelTrainedOnOtherFeatures(@TempDir Path directory) throws IOException {
        trained.model().save(directory);
        Path card = directory.resolve(SMALL.version() + ".json");
        JsonMapper json = JsonMapper.builder().build();
        ObjectNode other = (ObjectNode) json.readTree(card.toFile());
        other.putArray("features").add("attempts_last_minute").add("amount_log");
        other.put("featuresVersion", "payment-features-v0");
        json.writeValue(card.toFile(), other);

        assertThatThrownBy(() -> ScreeningModel.load(directory, SMALL.version()))
                .isInstanceOf(ScreeningModel.InvalidModelException.class)
                .hasMessageContaining("was trained on features payment-features-v0")
                .hasMessageContaining("this code computes payment-features-v1");
    }

    @Test
    void refusesABrokenModelFile(@TempDir Path directory) throws IOException {
        trained.model().save(directory);
        Files.write(directory.resolve(SMALL.version() + ".tribuo"), new byte[] {1, 2, 3, 4});

        assertThatThrownBy(() -> ScreeningModel.load(directory, SMALL.version()))
                .isInstanceOf(ScreeningModel.InvalidModelException.class)
                .hasMessageContaining("cannot be read");
    }

    @Test
    void aModelTheseSettingsWouldTrainAgainIsCurrentAndOnlyThat(@TempDir Path directory) throws IOException {
        assertThat(Trainer.current(directory, SMALL)).as("nothing there yet").isFalse();
        trained.model().save(directory);

        assertThat(Trainer.current(directory, SMALL)).isTrue();
        assertThat(Trainer.current(directory, new Trainer.Settings(1200, 45, 8L, 10, 8, 0.2, SMALL.version())))
                .as("another seed").isFalse();
        assertThat(Trainer.current(directory, new Trainer.Settings(1200, 45, 7L, 11, 8, 0.2, SMALL.version())))
                .as("another forest").isFalse();
        assertThat(Trainer.current(directory, new Trainer.Settings(1200, 45, 7L, 10, 8, 0.5, SMALL.version())))
                .as("another sample").isFalse();
        Files.write(directory.resolve(SMALL.version() + ".tribuo"), new byte[] {1, 2, 3, 4});
        assertThat(Trainer.current(directory, SMALL)).as("a broken one").isFalse();
    }

    /** The model the build trained and packaged, as payment-service loads it. */
    @Test
    void thePackagedModelLoadsAndBeatsTheRuleOnItsHeldOutCustomers() {
        ScreeningModel packaged = ScreeningModel.packaged(getClass().getClassLoader(),
                Trainer.Settings.DEFAULT.version());
        ModelCard card = packaged.card();

        assertThat(card.data().seed()).isEqualTo(Trainer.Settings.DEFAULT.seed());
        assertThat(card.model().recall()).isGreaterThan(card.rule().recall());
        assertThat(card.model().precision()).isGreaterThanOrEqualTo(Math.max(card.rule().precision(), 0.85));
        assertThatThrownBy(() -> ScreeningModel.packaged(getClass().getClassLoader(), "payment-screening-v0"))
                .isInstanceOf(ScreeningModel.InvalidModelException.class)
                .hasMessageContaining("no screening model payment-screening-v0 packaged");
    }

    @Test
    void theSameSeedMakesTheSamePaymentsWithEveryKindOfFraud() {
        List<SyntheticPayments.Customer> first = new SyntheticPayments(11, 400, 30).customers();
        List<SyntheticPayments.Customer> again = new SyntheticPayments(11, 400, 30).customers();
        List<SyntheticPayments.Attempt> attempts = first.stream().flatMap(c -> c.events().stream())
                .filter(SyntheticPayments.Attempt.class::isInstance).map(SyntheticPayments.Attempt.class::cast).toList();
        Map<SyntheticPayments.Pattern, Long> patterns = attempts.stream().filter(SyntheticPayments.Attempt::fraud)
                .collect(Collectors.groupingBy(SyntheticPayments.Attempt::pattern, Collectors.counting()));

        assertThat(again).isEqualTo(first);
        assertThat(new SyntheticPayments(12, 400, 30).customers()).isNotEqualTo(first);
        assertThat(patterns.keySet()).containsExactlyInAnyOrder(SyntheticPayments.Pattern.values());
        double fraudShare = patterns.values().stream().mapToLong(Long::longValue).sum() / (double) attempts.size();
        assertThat(fraudShare).isBetween(0.01, 0.15);
        assertThat(first).allSatisfy(customer -> assertThat(customer.events()).isSortedAccordingTo(
                Comparator.comparing(SyntheticPayments.Event::at)));
    }
}
