package dev.orderflow.localstack;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Adds {@code logging.level.<server logger>=WARN} as the lowest-priority defaults, so the embedded broker and
 * PostgreSQL stay quiet in every Spring context of a test JVM; any module's own setting wins.
 */
class QuietLogsEnvironmentPostProcessor implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> levels = new LinkedHashMap<>();
        QuietLogs.SERVER_LOGGERS.forEach(name -> levels.put("logging.level." + name, "WARN"));
        environment.getPropertySources().addLast(new MapPropertySource("orderflow-local-stack-quiet-logs", levels));
    }
}
