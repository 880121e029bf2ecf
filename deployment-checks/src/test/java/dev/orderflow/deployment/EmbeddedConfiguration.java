package dev.orderflow.deployment;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One service's configuration as its embedded default defines it: the keys of its {@code application*.yml} and
 * the properties of its {@code @ConfigurationProperties} records (its own and those of the orderflow modules it
 * depends on). This is the reference that docker-compose.yml and k8s/ are held to:
 * <ul>
 * <li>an environment variable they set must be the relaxed-binding name of one of these keys (both of Boot's
 * spellings: {@code ..._BASE_URL} and {@code ..._BASEURL} for {@code base-url}), a variable its application.yml
 * names in a placeholder ({@code ${ORDERFLOW_AUTH_OPERATOR_SECRET}}), or one of the few process-level variables in
 * {@link #PROCESS_LEVEL};</li>
 * <li>they must set the infrastructure keys the service declares (datasource, Kafka bootstrap servers) and every
 * key whose default (in application.yml or a record's {@code @DefaultValue}) points at {@code localhost}, which is
 * wrong in any container.</li>
 * </ul>
 */
final class EmbeddedConfiguration {

    /**
     * Variables every orderflow service reads without declaring them: standard Boot keys of any web application,
     * and the java launcher's own.
     */
    static final Set<String> PROCESS_LEVEL = Set.of(
            "SPRING_PROFILES_ACTIVE",   // every service has profiles (demo data)
            "SERVER_PORT",              // every service is a web application; the simulator's port is set in main
            "JDK_JAVA_OPTIONS");        // read by the java launcher of the image

    /**
     * Boot's Kafka client settings, which every service that talks to Kafka reads without declaring them: how it
     * connects ({@code spring.kafka.security.protocol}) and any Kafka client property passed through
     * {@code spring.kafka.properties.*}, whose name must be one Kafka's producer, consumer or admin client knows.
     */
    private static final String KAFKA_SECURITY_PROTOCOL = "SPRING_KAFKA_SECURITY_PROTOCOL";
    private static final String KAFKA_CLIENT_PROPERTY = "SPRING_KAFKA_PROPERTIES_";
    private static final Set<String> KAFKA_CLIENT_SETTINGS = Stream.of(ProducerConfig.configNames(),
            ConsumerConfig.configNames(), AdminClientConfig.configNames()).flatMap(Set::stream)
            .collect(Collectors.toUnmodifiableSet());

    static final List<String> INFRASTRUCTURE_KEYS = List.of("spring.datasource.url", "spring.datasource.username",
            "spring.datasource.password", "spring.kafka.bootstrap-servers");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern LOCAL_ADDRESS = Pattern.compile("\\b(localhost|127\\.0\\.0\\.1)\\b");
    private static final Pattern JDBC_DATABASE = Pattern.compile("^jdbc:postgresql://[^/]+/([^?]+)");
    private static final String DEFAULT_PROFILE = "";

    private final String module;
    /** Leaf values by profile ("" = active always), keys flattened with dots and [index]. */
    private final Map<String, Map<String, Object>> valuesByProfile;
    private final Set<String> keys;
    private final Set<String> openPrefixes;

    private EmbeddedConfiguration(String module, Map<String, Map<String, Object>> valuesByProfile, Set<String> keys,
            Set<String> openPrefixes) {
        this.module = module;
        this.valuesByProfile = valuesByProfile;
        this.keys = keys;
        this.openPrefixes = openPrefixes;
    }

    static EmbeddedConfiguration of(String module) {
        Path moduleDir = Repository.module(module);
        Map<String, Map<String, Object>> values = readConfigurationFiles(moduleDir.resolve("src/main/resources"),
                module);
        List<String> sources = new ArrayList<>(javaSources(moduleDir));
        for (String dependency : orderflowDependencies(moduleDir)) {
            sources.addAll(javaSources(Repository.module(dependency)));
        }
        var bindings = new ConfigurationPropertiesSource(sources).bindings();
        Set<String> keys = new TreeSet<>(bindings.keys());
        values.values().forEach(v -> keys.addAll(v.keySet()));
        // A record's @DefaultValue is a default like application.yml's, below it in precedence.
        Map<String, Object> defaults = new LinkedHashMap<>(bindings.defaults());
        defaults.putAll(values.getOrDefault(DEFAULT_PROFILE, Map.of()));
        values.put(DEFAULT_PROFILE, defaults);
        return new EmbeddedConfiguration(module, values, keys, bindings.openPrefixes());
    }

    /** Whether an environment variable sets one of this service's settings. */
    boolean accepts(String environmentVariable) {
        if (PROCESS_LEVEL.contains(environmentVariable)) {
            return true;
        }
        if (keys.contains("spring.kafka.bootstrap-servers") && isKafkaClientSetting(environmentVariable)) {
            return true;
        }
        // A variable application.yml reads by name, e.g. client-secret: "{noop}${ORDERFLOW_AUTH_OPERATOR_SECRET}".
        for (Map<String, Object> values : valuesByProfile.values()) {
            for (Object value : values.values()) {
                Matcher placeholder = PLACEHOLDER.matcher(String.valueOf(value));
                while (placeholder.find()) {
                    if (placeholder.group(1).equals(environmentVariable)) {
                        return true;
                    }
                }
            }
        }
        for (String key : keys) {
            if (environmentNames(key).contains(environmentVariable)) {
                return true;
            }
        }
        for (String prefix : openPrefixes) {
            for (String name : environmentNames(prefix)) {
                if (environmentVariable.startsWith(name + "_")) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean isKafkaClientSetting(String environmentVariable) {
        if (environmentVariable.equals(KAFKA_SECURITY_PROTOCOL)) {
            return true;
        }
        // Boot binds SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG to the map key sasl.jaas.config.
        return environmentVariable.startsWith(KAFKA_CLIENT_PROPERTY) && KAFKA_CLIENT_SETTINGS.contains(
                environmentVariable.substring(KAFKA_CLIENT_PROPERTY.length()).toLowerCase(Locale.ROOT).replace('_', '.'));
    }

    /** Boot's two environment spellings of a property name (dashes dropped, or dashes as underscores). */
    static Set<String> environmentNames(String key) {
        String upper = key.replaceAll("\\[(\\d+)]", ".$1").toUpperCase(Locale.ROOT).replace('.', '_');
        return new LinkedHashSet<>(List.of(upper.replace("-", ""), upper.replace('-', '_')));
    }

    /**
     * Keys a deployment must set when these profiles are active: the infrastructure keys this service declares
     * and every key whose default (in the default or an active profile) points at this machine.
     */
    Set<String> keysToOverride(Collection<String> activeProfiles) {
        Map<String, Object> effective = effectiveValues(activeProfiles);
        Set<String> required = new TreeSet<>();
        for (String key : INFRASTRUCTURE_KEYS) {
            if (effective.containsKey(key)) {
                required.add(key);
            }
        }
        effective.forEach((key, value) -> {
            if (value != null && LOCAL_ADDRESS.matcher(value.toString()).find()) {
                required.add(key);
            }
        });
        return required;
    }

    /** Whether one of the variables names the key (in either spelling). */
    static boolean isSetBy(String key, Collection<String> environmentVariables) {
        return environmentNames(key).stream().anyMatch(environmentVariables::contains);
    }

    String applicationName() {
        return Optional.ofNullable(effectiveValues(List.of()).get("spring.application.name")).map(Object::toString)
                .orElseThrow(() -> new AssertionError(module + " declares no spring.application.name"));
    }

    /** The port application.yml declares; a service may leave it to its main method (then deployments set it). */
    Optional<Integer> serverPort() {
        return Optional.ofNullable(effectiveValues(List.of()).get("server.port")).map(p -> Integer.parseInt(p.toString()));
    }

    /** The database named by the default datasource URL, if the service has one. */
    Optional<String> databaseName() {
        return Optional.ofNullable(effectiveValues(List.of()).get("spring.datasource.url"))
                .map(url -> JDBC_DATABASE.matcher(url.toString()))
                .filter(Matcher::find)
                .map(m -> m.group(1));
    }

    private Map<String, Object> effectiveValues(Collection<String> activeProfiles) {
        Map<String, Object> effective = new LinkedHashMap<>(valuesByProfile.getOrDefault(DEFAULT_PROFILE, Map.of()));
        for (String profile : activeProfiles) {
            effective.putAll(valuesByProfile.getOrDefault(profile.trim(), Map.of()));
        }
        return effective;
    }

    /**
     * Reads application*.yml, or {@code <module>*.yml} for a module that sets {@code spring.config.name} to its own
     * name (the simulator does, so that it never picks up another service's application.yml in tests).
     */
    private static Map<String, Map<String, Object>> readConfigurationFiles(Path resources, String module) {
        Map<String, Map<String, Object>> byProfile = new LinkedHashMap<>();
        Pattern configFile = Pattern.compile("(application|" + Pattern.quote(module) + ")(-[\\w-]+)?\\.ya?ml");
        List<Path> files;
        try (Stream<Path> list = Files.isDirectory(resources) ? Files.list(resources) : Stream.empty()) {
            files = list.filter(f -> configFile.matcher(f.getFileName().toString()).matches()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) {
            throw new AssertionError("no application.yml in " + Repository.root().relativize(resources)
                    + ": the embedded default is the reference of every deployment setting");
        }
        for (Path file : files) {
            Matcher name = configFile.matcher(file.getFileName().toString());
            String fileProfile = name.matches() && name.group(2) != null ? name.group(2).substring(1) : DEFAULT_PROFILE;
            for (Object document : new Yaml(new LoaderOptions()).loadAll(Repository.read(file))) {
                if (!(document instanceof Map<?, ?> map)) {
                    continue;
                }
                Map<String, Object> flat = new LinkedHashMap<>();
                flatten("", map, flat);
                Object onProfile = flat.get("spring.config.activate.on-profile");
                String profile = onProfile != null ? onProfile.toString() : fileProfile;
                byProfile.computeIfAbsent(profile, p -> new LinkedHashMap<>()).putAll(flat);
            }
        }
        return byProfile;
    }

    private static void flatten(String prefix, Object node, Map<String, Object> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> flatten(prefix.isEmpty() ? key.toString() : prefix + "." + key, value, out));
        } else if (node instanceof List<?> list) {
            out.put(prefix, list);
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), out);
            }
        } else {
            out.put(prefix, node);
        }
    }

    private static List<String> javaSources(Path moduleDir) {
        Path sources = moduleDir.resolve("src/main/java");
        if (!Files.isDirectory(sources)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(f -> f.toString().endsWith(".java")).map(Repository::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The orderflow modules a module depends on (messaging brings orderflow.messaging.* to every service). */
    private static List<String> orderflowDependencies(Path moduleDir) {
        String pom = Repository.read(moduleDir.resolve("pom.xml"));
        Matcher dependency = Pattern.compile(
                "<dependency>\\s*<groupId>dev\\.orderflow</groupId>\\s*<artifactId>([\\w-]+)</artifactId>(.*?)</dependency>",
                Pattern.DOTALL).matcher(pom);
        List<String> modules = new ArrayList<>();
        while (dependency.find()) {
            if (!dependency.group(2).contains("<scope>test</scope>")) {
                modules.add(dependency.group(1));
            }
        }
        return modules;
    }
}
