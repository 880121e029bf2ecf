package dev.orderflow.deployment;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * A real single-node Kafka (KRaft) in this JVM that authenticates every client and authorizes every request, as
 * the prod overlay's Strimzi cluster does: SCRAM-SHA-512 users, the StandardAuthorizer, no ACL no access. TLS is left
 * out (it changes how a client connects, not what it may do). An administrator logs in with PLAIN and is the super
 * user that creates topics, users and ACLs.
 */
final class SecuredKafka implements AutoCloseable {

    private static final String ADMIN = "admin";

    private final Path directory;
    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final String adminPassword = UUID.randomUUID().toString();

    private SecuredKafka() {
        try {
            directory = Files.createTempDirectory(Repository.workDirectory(), "secured-kafka");
            int port = freePort();
            int controllerPort = freePort();
            bootstrapServers = "127.0.0.1:" + port;
            Properties settings = new Properties();
            settings.putAll(Map.ofEntries(
                    Map.entry("process.roles", "broker,controller"),
                    Map.entry("node.id", "1"),
                    Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                    Map.entry("listeners", "SASL_PLAINTEXT://%s,CONTROLLER://127.0.0.1:%d".formatted(bootstrapServers,
                            controllerPort)),
                    Map.entry("advertised.listeners", "SASL_PLAINTEXT://" + bootstrapServers),
                    Map.entry("controller.listener.names", "CONTROLLER"),
                    Map.entry("inter.broker.listener.name", "SASL_PLAINTEXT"),
                    Map.entry("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT"),
                    Map.entry("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-512"),
                    Map.entry("sasl.mechanism.inter.broker.protocol", "PLAIN"),
                    Map.entry("listener.name.sasl_plaintext.plain.sasl.jaas.config",
                            "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"%s\" "
                                    .formatted(ADMIN) + "password=\"%s\" user_%s=\"%s\";".formatted(adminPassword,
                                    ADMIN, adminPassword)),
                    Map.entry("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
                            "org.apache.kafka.common.security.scram.ScramLoginModule required;"),
                    Map.entry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer"),
                    // The controller's listener is plaintext and reached by the node itself only (ANONYMOUS there).
                    Map.entry("super.users", "User:%s;User:ANONYMOUS".formatted(ADMIN)),
                    Map.entry("auto.create.topics.enable", "false"),
                    Map.entry("offsets.topic.replication.factor", "1"),
                    Map.entry("offsets.topic.num.partitions", "1"),
                    Map.entry("transaction.state.log.replication.factor", "1"),
                    Map.entry("transaction.state.log.min.isr", "1"),
                    Map.entry("group.initial.rebalance.delay.ms", "0"),
                    Map.entry("log.dirs", directory.resolve("data").toString())));
            Path configuration = directory.resolve("server.properties");
            try (Writer writer = Files.newBufferedWriter(configuration)) {
                settings.store(writer, null);
            }
            format(configuration);
            server = new KafkaRaftServer(KafkaConfig.fromProps(settings, false), Time.SYSTEM);
            server.startup();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SecuredKafka start() {
        return new SecuredKafka();
    }

    /** The settings of a client that logs in as the super user. */
    Map<String, Object> administrator() {
        return client("PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule", ADMIN, adminPassword);
    }

    /** The settings of a client that logs in as {@code user} (created with {@link #createUsers}). */
    Map<String, Object> user(String user) {
        return client("SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule", user,
                password(user));
    }

    /** Creates SCRAM-SHA-512 credentials for each user, as Strimzi's User Operator does for a KafkaUser. */
    void createUsers(List<String> users) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(administrator())) {
            admin.alterUserScramCredentials(users.stream().map(user -> (org.apache.kafka.clients.admin
                    .UserScramCredentialAlteration) new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password(user))).toList()).all().get();
        }
    }

    /** A password that is the user's own and that nobody else derives from its name alone in this test run. */
    private String password(String user) {
        return user + "-" + adminPassword;
    }

    private Map<String, Object> client(String mechanism, String loginModule, String user, String password) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        settings.put(SaslConfigs.SASL_MECHANISM, mechanism);
        settings.put(SaslConfigs.SASL_JAAS_CONFIG, "%s required username=\"%s\" password=\"%s\";"
                .formatted(loginModule, user, password));
        return settings;
    }

    private static void format(Path configuration) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exitCode = StorageTool.execute(new String[] {"format", "--ignore-formatted", "--cluster-id",
                    Uuid.randomUuid().toString(), "--config", configuration.toString()}, out);
        } catch (Exception e) {
            throw new IllegalStateException("formatting Kafka's storage failed: " + output, e);
        }
        if (exitCode != 0) {
            throw new IllegalStateException("formatting Kafka's storage failed (exit " + exitCode + "): " + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
        server.awaitShutdown();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }
}
