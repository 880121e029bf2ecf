package dev.orderflow.web;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.UrlResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

class QuietServiceDefaultsTest {

    @Test
    void everyServiceOnWebSupportGetsThem() throws IOException {
        List<String> postProcessors = new ArrayList<>();
        for (URL factories : Collections.list(getClass().getClassLoader()
                .getResources(SpringFactoriesLoader.FACTORIES_RESOURCE_LOCATION))) {
            Properties entries = PropertiesLoaderUtils.loadProperties(new UrlResource(factories));
            postProcessors.add(entries.getProperty(EnvironmentPostProcessor.class.getName(), ""));
        }
        assertThat(postProcessors).contains(QuietServiceDefaults.class.getName());
    }

    @Test
    void bindAsTheSettingsTheyName() {
        Binder binder = Binder.get(processed(new StandardEnvironment()));

        assertThat(binder.bind("management.otlp.metrics.export.enabled", Boolean.class).get()).isFalse();
        assertThat(binder.bind("management.metrics.observations.ignored-meters",
                Bindable.setOf(String.class)).get()).containsExactly("long-task-timer");
        assertThat(binder.bind("server.tomcat.background-processor-delay", Duration.class).get())
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(binder.bind("management.prometheus.metrics.export.properties",
                Bindable.mapOf(String.class, String.class)).get())
                .containsEntry("io.prometheus.exemplars.sample_interval_milliseconds", "1000");
    }

    @Test
    void aServiceOwnSettingWins() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application.yml",
                Map.of("management.otlp.metrics.export.enabled", "true",
                        "server.tomcat.background-processor-delay", "10s")));

        Binder binder = Binder.get(processed(environment));

        assertThat(binder.bind("management.otlp.metrics.export.enabled", Boolean.class).get()).isTrue();
        assertThat(binder.bind("server.tomcat.background-processor-delay", Duration.class).get())
                .isEqualTo(Duration.ofSeconds(10));
    }

    private static StandardEnvironment processed(StandardEnvironment environment) {
        new QuietServiceDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
