package dev.orderflow.screening.training;

import dev.orderflow.screening.CustomerHistory;
import dev.orderflow.screening.Features;
import dev.orderflow.screening.FixedRule;
import dev.orderflow.screening.ModelCard;
import dev.orderflow.screening.ScreeningModel;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Trains a screening model and says how good it is. Makes labelled payments ({@link SyntheticPayments}), splits the
 * customers three ways (60% to train on, 20% to choose the threshold on, 20% held out), computes every payment's
 * features with {@link Features} as a service would (each customer's history fed in time order, a payment judged by
 * what came before it), trains a random forest of CART trees (Tribuo), chooses the threshold that catches the most
 * fraud at a precision of at least {@value #MIN_PRECISION} and no lower than the fixed rule's on the same payments, and
 * evaluates model and rule on the held-out customers. Prints the evaluation and writes {@code <version>.tribuo} and {@code <version>.json} to the output
 * directory.
 *
 * <pre>
 * Trainer [--customers 3000] [--days 60] [--seed 20261207] [--trees 30] [--depth 10] [--legit-share 0.2]
 *         [--version payment-screening-v1]
 *         [--out screening/model] [--keep-current false]
 * </pre>
 *
 * <p>With {@code --keep-current true} a model in the output directory that these settings would train again (same
 * version, features, data and trainer, by its card) is kept, as the build does on every run after the first.
 */
public final class Trainer {

    /** The settings of one training. */
    /**
     * @param legitShare the share of the legitimate training payments the forest is trained on (all fraudulent ones
     *                   are): fraud is about 2% of the payments, and a tree learns little more from the 50th ordinary
     *                   payment like the others than from the 10th, while its training time grows with every row. The
     *                   threshold is chosen, and the model evaluated, on all payments of their customers.
     */
    public record Settings(int customers, int days, long seed, int trees, int depth, double legitShare,
                           String version) {

        public static final Settings DEFAULT = new Settings(3000, 60, 20261207L, 30, 10, 0.2, "payment-screening-v1");

        public Settings {
            if (!(legitShare > 0 && legitShare <= 1)) {
                throw new IllegalArgumentException("legitShare must be in (0, 1], not " + legitShare);
            }
        }
    }

    /** The trained model and what it was measured on. */
    public record Result(ScreeningModel model, ModelCard card) {
    }

    private record Row(double[] features, boolean fraud, boolean ruleSuspects) {
    }

    /**
     * The precision the threshold keeps at least (and never below the rule's): of ten payments declined as fraud, at
     * most one is a customer's own.
     */
    static final double MIN_PRECISION = 0.9;

    /** Tribuo logs each tree it builds; the command prints its own summary. */
    private static final Logger TRIBUO = Logger.getLogger("org.tribuo");

    private final Settings settings;
    private final FixedRule rule;
    private final Clock clock;

    public Trainer(Settings settings, FixedRule rule, Clock clock) {
        this.settings = settings;
        this.rule = rule;
        this.clock = clock;
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        Settings defaults = Settings.DEFAULT;
        Settings settings = new Settings(
                Integer.parseInt(options.getOrDefault("customers", String.valueOf(defaults.customers()))),
                Integer.parseInt(options.getOrDefault("days", String.valueOf(defaults.days()))),
                Long.parseLong(options.getOrDefault("seed", String.valueOf(defaults.seed()))),
                Integer.parseInt(options.getOrDefault("trees", String.valueOf(defaults.trees()))),
                Integer.parseInt(options.getOrDefault("depth", String.valueOf(defaults.depth()))),
                Double.parseDouble(options.getOrDefault("legit-share", String.valueOf(defaults.legitShare()))),
                options.getOrDefault("version", defaults.version()));
        Path out = Path.of(options.getOrDefault("out", "screening/model"));
        if (Boolean.parseBoolean(options.getOrDefault("keep-current", "false")) && current(out, settings)) {
            System.out.printf("%s in %s is current (same features, data and trainer): kept%n", settings.version(), out);
            return;
        }
        long started = System.nanoTime();
        Result result = new Trainer(settings, FixedRule.AS_CONFIGURED, Clock.systemUTC()).train();
        result.model().save(out);
        report(result.card(), System.out);
        System.out.printf("trained in %.1f s; wrote %s%n", (System.nanoTime() - started) / 1e9,
                out.resolve(settings.version() + ".tribuo"));
    }

    /**
     * Whether {@code out} holds the model these settings would train, by its card: of the same version, on the same
     * feature list, from the same generated data, by the same trainer. The build's incremental runs keep it instead of
     * training again; a clean build always trains.
     */
    static boolean current(Path out, Settings settings) {
        ScreeningModel kept;
        try {
            kept = ScreeningModel.load(out, settings.version());
        } catch (ScreeningModel.InvalidModelException absentOrStale) {
            return false;
        }
        ModelCard.Data data = kept.card().data();
        return data.seed() == settings.seed()
                && data.generator().equals(new SyntheticPayments(settings.seed(), settings.customers(), settings.days())
                        .toString())
                && data.trainer().equals(trainerDescription(settings));
    }

    /** Makes the payments, trains, chooses the threshold and evaluates. */
    public Result train() {
        TRIBUO.setLevel(Level.WARNING);
        SyntheticPayments generator = new SyntheticPayments(settings.seed(), settings.customers(), settings.days());
        List<SyntheticPayments.Customer> customers = generator.customers();
        List<List<Row>> splits = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Random assignment = new Random(settings.seed() ^ 0x5EED);
        for (SyntheticPayments.Customer customer : customers) {
            double draw = assignment.nextDouble();
            rows(customer, splits.get(draw < 0.6 ? 0 : draw < 0.8 ? 1 : 2));
        }
        List<Row> train = splits.get(0);
        List<Row> validate = splits.get(1);
        List<Row> test = splits.get(2);

        LabelFactory labels = new LabelFactory();
        MutableDataset<Label> dataset = new MutableDataset<>(new SimpleDataSourceProvenance(generator.toString(),
                OffsetDateTime.now(clock), labels), labels);
        String[] names = Features.NAMES.toArray(String[]::new);
        Random sample = new Random(settings.seed() ^ 0x1E617);
        for (Row row : train) {
            if (!row.fraud() && sample.nextDouble() >= settings.legitShare()) {
                continue;
            }
            dataset.add(new ArrayExample<>(new Label(row.fraud() ? ScreeningModel.FRAUD : ScreeningModel.LEGIT), names,
                    row.features()));
        }
        CARTClassificationTrainer tree = new CARTClassificationTrainer(settings.depth(), 0.5f, settings.seed());
        RandomForestTrainer<Label> forest = new RandomForestTrainer<>(tree, new FullyWeightedVotingCombiner(),
                settings.trees(), settings.seed());
        Model<Label> trained = forest.train(dataset);

        ModelCard provisional = card(0.5, generator, forest, dataset.size(), validate, test, null, null);
        ScreeningModel unthresholded = ScreeningModel.of(trained, provisional);
        double rulePrecision = Evaluations.ofVerdicts(truth(validate), verdicts(validate)).precision();
        double threshold = Evaluations.threshold(truth(validate), scores(unthresholded, validate),
                Math.max(MIN_PRECISION, rulePrecision));

        ModelCard.Evaluation model = Evaluations.ofScores(truth(test), scores(unthresholded, test), threshold);
        ModelCard.Evaluation ruleOnTest = Evaluations.ofVerdicts(truth(test), verdicts(test));
        ModelCard card = card(threshold, generator, forest, dataset.size(), validate, test, model, ruleOnTest);
        return new Result(ScreeningModel.of(trained, card), card);
    }

    /** Every attempt of one customer as a row: its features and the rule's verdict before it, then it is recorded. */
    private void rows(SyntheticPayments.Customer customer, List<Row> into) {
        CustomerHistory history = new CustomerHistory(customer.accountOpenedAt());
        for (SyntheticPayments.Event event : customer.events()) {
            switch (event) {
                case SyntheticPayments.Attempt attempt -> {
                    into.add(new Row(Features.of(history, attempt.payment()), attempt.fraud(),
                            rule.suspects(history, attempt.payment())));
                    history.attempted(attempt.at(), attempt.payment().amount(), attempt.authorized());
                }
                case SyntheticPayments.Refund refund -> history.refunded();
            }
        }
    }

    private ModelCard card(double threshold, SyntheticPayments generator, RandomForestTrainer<Label> forest,
            int trainRows, List<Row> validate, List<Row> test, ModelCard.Evaluation model,
            ModelCard.Evaluation ruleOnTest) {
        return new ModelCard(settings.version(), Features.VERSION, Features.NAMES, threshold, clock.instant(),
                new ModelCard.Data(generator.toString(), settings.seed(), trainRows, validate.size(), test.size(),
                        trainerDescription(settings)),
                model, ruleOnTest);
    }

    private static String trainerDescription(Settings settings) {
        return "random forest (Tribuo " + org.tribuo.Tribuo.VERSION + "), " + settings.trees()
                + " CART trees of depth <= " + settings.depth() + ", half the features per split, on every fraudulent"
                + " and " + settings.legitShare() + " of the legitimate training payments";
    }

    private static boolean[] truth(List<Row> rows) {
        boolean[] fraud = new boolean[rows.size()];
        for (int i = 0; i < fraud.length; i++) {
            fraud[i] = rows.get(i).fraud();
        }
        return fraud;
    }

    private static boolean[] verdicts(List<Row> rows) {
        boolean[] suspected = new boolean[rows.size()];
        for (int i = 0; i < suspected.length; i++) {
            suspected[i] = rows.get(i).ruleSuspects();
        }
        return suspected;
    }

    private static double[] scores(ScreeningModel model, List<Row> rows) {
        double[] scores = new double[rows.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = model.score(rows.get(i).features());
        }
        return scores;
    }

    /** The evaluation as a table, model beside rule. */
    public static void report(ModelCard card, PrintStream out) {
        ModelCard.Data data = card.data();
        out.printf("%s: %s; trained on %d payments, threshold %.3f chosen on %d, evaluated on %d held-out%n",
                card.version(), data.generator(), data.trainRows(), card.threshold(), data.validateRows(),
                data.testRows());
        out.println("| screen | precision | recall | PR-AUC | ROC-AUC | TP | FP | FN | TN |");
        out.println("|---|---|---|---|---|---|---|---|---|");
        row(out, "model at " + String.format("%.3f", card.threshold()), card.model());
        row(out, "fixed rule", card.rule());
    }

    private static void row(PrintStream out, String name, ModelCard.Evaluation e) {
        out.printf("| %s | %.3f | %.3f | %s | %s | %d | %d | %d | %d |%n", name, e.precision(), e.recall(),
                Double.isNaN(e.prAuc()) ? "n/a" : String.format("%.3f", e.prAuc()),
                Double.isNaN(e.rocAuc()) ? "n/a" : String.format("%.3f", e.rocAuc()), e.truePositives(),
                e.falsePositives(), e.falseNegatives(), e.trueNegatives());
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> known = List.of("customers", "days", "seed", "trees", "depth", "legit-share", "version", "out",
                "keep-current");
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!known.contains(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i] + "; the options are "
                        + known.stream().map(o -> "--" + o + " <value>").toList());
            }
            options.put(name, args[++i]);
        }
        return options;
    }
}
