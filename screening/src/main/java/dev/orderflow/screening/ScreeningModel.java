package dev.orderflow.screening;

import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * A trained screening model as a service loads it: the Tribuo model ({@code <version>.tribuo}) and its card
 * ({@code <version>.json}). Loading refuses, with a message naming what is wrong, a missing or unreadable file, a
 * model of another kind, and a model trained on features other than the ones {@link Features} computes: better a
 * service that does not start than payments screened by a model that reads its inputs wrongly.
 */
public final class ScreeningModel {

    /** The label of a fraudulent payment, and of a legitimate one. */
    public static final String FRAUD = "fraud";
    public static final String LEGIT = "legit";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Model<Label> model;
    private final ModelCard card;
    private final String[] names = Features.NAMES.toArray(String[]::new);

    ScreeningModel(Model<Label> model, ModelCard card) {
        this.model = model;
        this.card = card;
    }

    /** Where the build puts the model it trains, on the class path: {@code <this>/<version>.tribuo} and {@code .json}. */
    public static final String PACKAGED = "dev/orderflow/screening/model";

    /** The model and its card in {@code directory}, of the given version, checked against this code's features. */
    public static ScreeningModel load(Path directory, String version) {
        Path modelFile = directory.resolve(version + ".tribuo");
        Path cardFile = directory.resolve(version + ".json");
        if (!Files.isRegularFile(modelFile) || !Files.isRegularFile(cardFile)) {
            throw new InvalidModelException("no screening model " + version + " in " + directory.toAbsolutePath()
                    + " (" + modelFile.getFileName() + " and " + cardFile.getFileName() + " are needed): train one "
                    + "with the screening module's Trainer (screening/README.md)");
        }
        return read(version, modelFile.toString(), () -> Files.newInputStream(cardFile),
                () -> Files.newInputStream(modelFile));
    }

    /**
     * The model of the given version that the build trained and packaged with this code ({@value #PACKAGED} on the
     * class path of {@code loader}), checked as {@link #load(Path, String)} checks one.
     */
    public static ScreeningModel packaged(ClassLoader loader, String version) {
        String model = PACKAGED + "/" + version + ".tribuo";
        String card = PACKAGED + "/" + version + ".json";
        if (loader.getResource(model) == null || loader.getResource(card) == null) {
            throw new InvalidModelException("no screening model " + version + " packaged on the class path (" + model
                    + " and " + card + "): the screening module's build trains it; a build that skipped that step "
                    + "(or another version's name) has none");
        }
        return read(version, "classpath:" + model, () -> loader.getResourceAsStream(card),
                () -> loader.getResourceAsStream(model));
    }

    private interface Source {
        InputStream open() throws IOException;
    }

    private static ScreeningModel read(String version, String where, Source cardSource, Source modelSource) {
        ModelCard card;
        try (InputStream in = cardSource.open()) {
            card = JSON.readValue(in, ModelCard.class);
        } catch (IOException | RuntimeException e) {
            throw new InvalidModelException("the card of screening model " + version + " (beside " + where
                    + ") cannot be read: " + e.getMessage(), e);
        }
        if (!version.equals(card.version())) {
            throw new InvalidModelException("the card beside " + where + " is of model " + card.version() + ", not "
                    + version);
        }
        Model<?> loaded;
        try (InputStream in = modelSource.open()) {
            loaded = Model.deserializeFromStream(in);
        } catch (IOException | RuntimeException e) {
            throw new InvalidModelException("screening model " + where + " cannot be read: " + e.getMessage(), e);
        }
        return of(loaded, card);
    }

    /** A model with its card, checked: the classes it tells apart and the features it was trained on. */
    @SuppressWarnings("unchecked")
    public static ScreeningModel of(Model<?> loaded, ModelCard card) {
        if (!loaded.validate(Label.class)) {
            throw new InvalidModelException("screening model " + card.version() + " is not a classifier");
        }
        Model<Label> model = (Model<Label>) loaded;
        Set<String> labels = new TreeSet<>();
        model.getOutputIDInfo().getDomain().forEach(label -> labels.add(label.getLabel()));
        if (!labels.equals(Set.of(FRAUD, LEGIT))) {
            throw new InvalidModelException("screening model " + card.version() + " tells apart " + labels
                    + ", not " + FRAUD + " and " + LEGIT);
        }
        if (!Features.VERSION.equals(card.featuresVersion()) || !Features.NAMES.equals(card.features())) {
            throw new InvalidModelException("screening model " + card.version() + " was trained on features "
                    + card.featuresVersion() + " " + card.features() + ", but this code computes "
                    + Features.VERSION + " " + Features.NAMES + ": train a model on these features");
        }
        Set<String> modelFeatures = new TreeSet<>();
        model.getFeatureIDMap().forEach(feature -> modelFeatures.add(feature.getName()));
        modelFeatures.removeAll(Features.NAMES);
        if (!modelFeatures.isEmpty()) {
            throw new InvalidModelException("screening model " + card.version() + " reads features " + modelFeatures
                    + " that this code does not compute");
        }
        if (!(card.threshold() > 0 && card.threshold() <= 1)) {
            throw new InvalidModelException("screening model " + card.version() + " has no threshold in (0, 1]: "
                    + card.threshold());
        }
        return new ScreeningModel(model, card);
    }

    /** The probability that the payment these features describe is fraudulent, in [0, 1]. */
    public double score(double[] features) {
        if (features.length != names.length) {
            throw new IllegalArgumentException(features.length + " features given, " + names.length + " expected");
        }
        Prediction<Label> prediction = model.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, features));
        Label fraud = prediction.getOutputScores().get(FRAUD);
        return fraud == null ? 0 : fraud.getScore();
    }

    /** Whether a payment of this score is to be declined. */
    public boolean suspects(double score) {
        return score >= card.threshold();
    }

    public ModelCard card() {
        return card;
    }

    /** Writes the model and its card to {@code directory}, named by the card's version. */
    public void save(Path directory) throws IOException {
        Files.createDirectories(directory);
        model.serializeToFile(directory.resolve(card.version() + ".tribuo"));
        JSON.writerWithDefaultPrettyPrinter().writeValue(directory.resolve(card.version() + ".json").toFile(), card);
    }

    /** A screening model that must not be used: missing, unreadable, or built for other inputs. */
    public static final class InvalidModelException extends IllegalStateException {

        InvalidModelException(String message) {
            super(message);
        }

        InvalidModelException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
