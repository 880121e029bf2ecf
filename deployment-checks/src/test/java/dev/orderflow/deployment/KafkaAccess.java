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
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What each service may do on Kafka, derived from the contract rather than written twice: the AsyncAPI document of
 * shared-events names, for every topic of {@link Topics}, the one service that sends on it and the services (with
 * their consumer groups) that receive from it, and which services dead-letter what they cannot handle. From that:
 * <ul>
 * <li>a topic a service sends on (its outbox relay): Write, Describe;</li>
 * <li>a topic it receives from: Read, Describe; its group: Read;</li>
 * <li>if it dead-letters (the owner of its dead letters): Write on the topics it receives from, for the replay of its
 * dead letters, and Read, Write, Describe on their dead-letter topics (dead-lettering, listing);</li>
 * <li>a service receiving the dead-letter channel (the console, which lists them all): Read, Describe on every
 * dead-letter topic;</li>
 * <li>the lag reader (KEDA): Describe on the topics and groups of the services it scales, those that dead-letter;</li>
 * <li>the console, which shows every group's lag: Describe on every group and on every topic any group reads.</li>
 * </ul>
 */
final class KafkaAccess {

    /** The principal KEDA reads the consumer lag as, in the prod overlay. */
    static final String LAG_READER = "kafka-lag-reader";
    /** The principal that shows every consumer group's lag on its page. */
    static final String CONSOLE = "console";

    /** One allowed operation on one resource named literally ({@code topic}, {@code group}). */
    record Acl(String resourceType, String name, String operation) implements Comparable<Acl> {

        @Override
        public int compareTo(Acl other) {
            return toString().compareTo(other.toString());
        }
    }

    private KafkaAccess() {
    }

    /**
     * What one service does on Kafka.
     *
     * @param sends                the topics it sends on
     * @param groupByReceivedTopic the topics it receives from, with its consumer group
     * @param deadLetters          whether it dead-letters what it cannot handle (and replays it)
     * @param deadLetterGroup      the group it reads every dead-letter topic with; empty if it does not
     */
    record Usage(Set<String> sends, Map<String, String> groupByReceivedTopic, boolean deadLetters,
                 Optional<String> deadLetterGroup) {

        private static Usage none() {
            return new Usage(new TreeSet<>(), new TreeMap<>(), false, Optional.empty());
        }

        private Usage deadLettering() {
            return new Usage(sends, groupByReceivedTopic, true, deadLetterGroup);
        }

        private Usage readingDeadLettersAs(String group) {
            return new Usage(sends, groupByReceivedTopic, deadLetters, Optional.of(group));
        }
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
            String action = (String) operation.get("action");
            String group = (String) Tree.at(operation, "bindings.kafka.groupId.const");
            if (!List.of("send", "receive").contains(action)) {
                throw new AssertionError("operation " + id + ": unknown action " + action);
            }
            if ("receive".equals(action) && group == null) {
                throw new AssertionError("operation " + id + " names no consumer group");
            }
            boolean deadLetters = topic.equals(Topics.deadLetter("{topic}"));
            if (!deadLetters && !Topics.ALL.contains(topic)) {
                throw new AssertionError("operation " + id + ": " + topic + " is no topic of Topics");
            }
            for (Map<String, Object> tag : Tree.maps(operation, "tags")) {
                String name = (String) tag.get("name");
                Usage service = usage.getOrDefault(name, Usage.none());
                if (deadLetters) {
                    service = "send".equals(action) ? service.deadLettering() : service.readingDeadLettersAs(group);
                } else if ("send".equals(action)) {
                    service.sends().add(topic);
                } else {
                    service.groupByReceivedTopic().put(topic, group);
                }
                usage.put(name, service);
            }
        });
        return usage;
    }

    /** Every principal's ACLs: each service by its name (the console's too), and {@link #LAG_READER}. */
    static Map<String, Set<Acl>> expected() {
        Map<String, Set<Acl>> acls = new TreeMap<>();
        Set<Acl> lagReader = new TreeSet<>();
        Set<Acl> everyGroupsLag = new TreeSet<>();
        usage().forEach((name, usage) -> {
            Set<Acl> service = acls.computeIfAbsent(name, n -> new TreeSet<>());
            usage.sends().forEach(topic -> service.addAll(topic(topic, "Write", "Describe")));
            usage.groupByReceivedTopic().forEach((topic, group) -> {
                service.addAll(topic(topic, "Read", "Describe"));
                service.add(new Acl("group", group, "Read"));
                if (usage.deadLetters()) {
                    service.addAll(topic(topic, "Write"));
                    service.addAll(topic(Topics.deadLetter(topic), "Read", "Write", "Describe"));
                    lagReader.addAll(topic(topic, "Describe"));
                    lagReader.add(new Acl("group", group, "Describe"));
                }
                everyGroupsLag.addAll(topic(topic, "Describe"));
                everyGroupsLag.add(new Acl("group", group, "Describe"));
            });
            // The dead-letter channel lists every topic's dead letters (AsyncApiDocumentTest holds it to Topics).
            usage.deadLetterGroup().ifPresent(group -> {
                for (String deadLetters : Topics.ALL.stream().map(Topics::deadLetter).toList()) {
                    service.addAll(topic(deadLetters, "Read", "Describe"));
                    everyGroupsLag.addAll(topic(deadLetters, "Describe"));
                }
                service.add(new Acl("group", group, "Read"));
                everyGroupsLag.add(new Acl("group", group, "Describe"));
            });
        });
        acls.put(LAG_READER, lagReader);
        if (!acls.containsKey(CONSOLE)) {
            throw new AssertionError("the AsyncAPI document names no operation of the " + CONSOLE);
        }
        acls.get(CONSOLE).addAll(everyGroupsLag);
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
