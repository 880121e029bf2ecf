package dev.orderflow.deployment;

import dev.orderflow.deployment.Rendered.KubeObject;
import dev.orderflow.deployment.Rendered.Tree;
import dev.orderflow.events.Topics;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What each service may do on Kafka, derived from the contract rather than written twice: the AsyncAPI document of
 * shared-events names, for every topic of {@link Topics}, the one service that sends on it and the services (with
 * their consumer groups) that receive from it. From that:
 * <ul>
 * <li>a topic a service sends on (its outbox relay): Write, Describe;</li>
 * <li>a topic it receives from: Read, Describe, and Write for the replay of its dead letters; its group: Read;</li>
 * <li>the dead-letter topic of a topic it receives from: Write (dead-lettering), Read and Describe (listing);</li>
 * <li>the lag reader (KEDA): Describe on every consumed topic and every consumer group.</li>
 * </ul>
 */
final class KafkaAccess {

    /** The principal KEDA reads the consumer lag as, in the prod overlay. */
    static final String LAG_READER = "kafka-lag-reader";

    /** One allowed operation on one resource named literally ({@code topic}, {@code group}). */
    record Acl(String resourceType, String name, String operation) implements Comparable<Acl> {

        @Override
        public int compareTo(Acl other) {
            return toString().compareTo(other.toString());
        }
    }

    private KafkaAccess() {
    }

    /** What one service does on Kafka: the topics it sends on, and those it receives from with their group. */
    record Usage(Set<String> sends, Map<String, String> groupByReceivedTopic) {
    }

    /** Each service's use of Kafka, as the AsyncAPI document's operations (tagged with the service) say it. */
    static Map<String, Usage> usage() {
        Map<String, Usage> usage = new TreeMap<>();
        Map<String, Object> document = asyncApi();
        Map<String, Object> channels = Tree.map(document, "channels");
        Tree.map(document, "operations").forEach((id, value) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> operation = (Map<String, Object>) value;
            String channel = ((String) Tree.at(operation, "channel.$ref")).substring("#/channels/".length());
            String topic = (String) Tree.at(channels.get(channel), "address");
            if (!Topics.ALL.contains(topic)) {
                return; // the dead-letter channel: its topics follow from the receive operations
            }
            for (Map<String, Object> tag : Tree.maps(operation, "tags")) {
                Usage service = usage.computeIfAbsent((String) tag.get("name"),
                        name -> new Usage(new TreeSet<>(), new TreeMap<>()));
                switch ((String) operation.get("action")) {
                    case "send" -> service.sends().add(topic);
                    case "receive" -> {
                        String group = (String) Tree.at(operation, "bindings.kafka.groupId.const");
                        if (group == null) {
                            throw new AssertionError("operation " + id + " names no consumer group");
                        }
                        service.groupByReceivedTopic().put(topic, group);
                    }
                    default -> throw new AssertionError("operation " + id + ": unknown action " + operation.get("action"));
                }
            }
        });
        return usage;
    }

    /** Every principal's ACLs: each service by its name, and {@link #LAG_READER}. */
    static Map<String, Set<Acl>> expected() {
        Map<String, Set<Acl>> acls = new TreeMap<>();
        Set<Acl> lagReader = new TreeSet<>();
        usage().forEach((name, usage) -> {
            Set<Acl> service = acls.computeIfAbsent(name, n -> new TreeSet<>());
            usage.sends().forEach(topic -> service.addAll(topic(topic, "Write", "Describe")));
            usage.groupByReceivedTopic().forEach((topic, group) -> {
                service.addAll(topic(topic, "Read", "Write", "Describe"));
                service.addAll(topic(Topics.deadLetter(topic), "Read", "Write", "Describe"));
                service.add(new Acl("group", group, "Read"));
                lagReader.addAll(topic(topic, "Describe"));
                lagReader.add(new Acl("group", group, "Describe"));
            });
        });
        acls.put(LAG_READER, lagReader);
        return acls;
    }

    /** The ACLs a Strimzi KafkaUser grants (literal patterns only: a prefix would grant more than is named). */
    static Set<Acl> granted(KubeObject user) {
        Set<Acl> acls = new TreeSet<>();
        for (Map<String, Object> rule : Tree.maps(user.content(), "spec.authorization.acls")) {
            Object pattern = Tree.at(rule, "resource.patternType");
            if (pattern != null && !"literal".equals(pattern)) {
                throw new AssertionError(user.describe() + ": " + rule + " is not a literal pattern");
            }
            if (rule.get("host") != null && !"*".equals(rule.get("host")) || rule.get("type") != null
                    && !"allow".equals(rule.get("type"))) {
                throw new AssertionError(user.describe() + ": " + rule + " is not a plain allow rule");
            }
            for (Object operation : (List<?>) rule.get("operations")) {
                acls.add(new Acl((String) Tree.at(rule, "resource.type"), (String) Tree.at(rule, "resource.name"),
                        (String) operation));
            }
        }
        return acls;
    }

    private static Set<Acl> topic(String name, String... operations) {
        Set<Acl> acls = new TreeSet<>();
        for (String operation : operations) {
            acls.add(new Acl("topic", name, operation));
        }
        return acls;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asyncApi() {
        try (InputStream in = KafkaAccess.class.getResourceAsStream("/asyncapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("asyncapi.yaml of shared-events is not on the classpath");
            }
            return new LinkedHashMap<>((Map<String, Object>) new Yaml(new LoaderOptions()).load(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
