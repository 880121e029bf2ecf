package dev.orderflow.deployment;

import dev.orderflow.deployment.Rendered.KubeObject;
import dev.orderflow.deployment.Rendered.Tree;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every image is pinned: a tag that is not "latest" (or a digest), in the Dockerfile, compose and k8s. */
class ImageTagsTest {

    private static final Pattern DOCKERFILE_IMAGE = Pattern.compile("(?m)^(?:ARG \\w+_IMAGE=|FROM )(\\S+)");

    @Test
    void imagesOfTheDockerfileAreRealTags() {
        List<String> images = new ArrayList<>();
        Matcher matcher = DOCKERFILE_IMAGE.matcher(Repository.read(Repository.path("Dockerfile")));
        while (matcher.find()) {
            if (!matcher.group(1).startsWith("$")) { // FROM ${BUILD_IMAGE}: checked as its ARG
                images.add(matcher.group(1));
            }
        }
        assertThat(images).hasSizeGreaterThanOrEqualTo(2).allSatisfy(ImageTagsTest::assertPinned);
    }

    @Test
    void imagesOfComposeArePinned() {
        Map<String, Object> services = Tree.map(Rendered.compose(), "services");
        assertThat(services).allSatisfy((name, service) -> {
            Object image = Tree.at(service, "image");
            assertThat(image).as("image of compose service %s", name).isNotNull();
            assertPinned(image.toString());
        });
    }

    @Test
    void imagesOfEveryOverlayArePinned() {
        for (String overlay : Repository.overlays()) {
            for (KubeObject object : Rendered.overlay(overlay)) {
                switch (object.kind()) {
                    case "Deployment" -> Tree.maps(object.content(), "spec.template.spec.containers")
                            .forEach(c -> assertPinned((String) c.get("image")));
                    case "Cluster" -> assertPinned((String) object.get("spec.imageName"));
                    // Strimzi picks its image for the Kafka version: pinning the version pins the image.
                    case "Kafka" -> assertThat((String) object.get("spec.kafka.version")).as(object.describe())
                            .matches("\\d+\\.\\d+\\.\\d+");
                    default -> { }
                }
            }
        }
    }

    /** Compose and Kubernetes run the same Kafka and PostgreSQL releases, so a demo behaves like a deployment. */
    @Test
    void composeAndKubernetesRunTheSameKafkaAndPostgresqlReleases() {
        Map<String, Object> services = Tree.map(Rendered.compose(), "services");
        String composeKafka = tag((String) Tree.at(services, "kafka.image"));
        String composePostgres = tag((String) Tree.at(services, "postgres.image"));
        for (String overlay : Repository.overlays()) {
            for (KubeObject object : Rendered.overlay(overlay)) {
                if ("Kafka".equals(object.kind())) {
                    assertThat(object.get("spec.kafka.version")).as(object.describe()).isEqualTo(composeKafka);
                }
                if ("Cluster".equals(object.kind())) {
                    assertThat(tag((String) object.get("spec.imageName"))).as(object.describe())
                            .startsWith(composePostgres);
                }
            }
        }
    }

    private static String tag(String image) {
        return image.substring(image.lastIndexOf(':') + 1);
    }

    private static void assertPinned(String image) {
        assertThat(image).as("image reference").isNotBlank();
        if (image.contains("@sha256:")) {
            return;
        }
        String lastSegment = image.substring(image.lastIndexOf('/') + 1);
        assertThat(lastSegment).as("%s has a tag", image).contains(":");
        assertThat(lastSegment.substring(lastSegment.indexOf(':') + 1)).as("tag of %s", image)
                .isNotBlank().isNotEqualToIgnoringCase("latest");
    }
}
