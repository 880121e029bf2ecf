package dev.orderflow.deployment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The property names that a module's {@code @ConfigurationProperties} records bind, read from their Java source
 * (the modules are not on this module's classpath: their jars are Boot-repackaged, and reading source keeps this
 * check independent of build order). A record component whose type is another record of the same sources is
 * followed; a Map, List, Set or array component, or a properties class that is not a record, binds everything
 * below its name, so it is reported as an open prefix.
 */
final class ConfigurationPropertiesSource {

    private static final Pattern ANNOTATION = Pattern.compile("@ConfigurationProperties\\s*\\(");
    private static final Pattern RECORD = Pattern.compile("\\brecord\\s+(\\w+)\\s*(?:<[^>]*>)?\\s*\\(");
    private static final Pattern STRING = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern NEXT_DECLARATION = Pattern.compile("\\b(record|class|interface|enum)\\s+(\\w+)|\\(");
    private static final Pattern LEADING_ANNOTATION = Pattern.compile("^@[\\w.]+\\s*");
    private static final Pattern DEFAULT_VALUE = Pattern.compile("@DefaultValue\\s*\\(\\s*\"([^\"]*)\"");
    private static final Pattern NAME_AT_END = Pattern.compile("(\\w+)$");
    private static final Set<String> OPEN_TYPES = Set.of("Map", "List", "Set", "Collection", "Properties");

    /** Property names bound one by one, their {@code @DefaultValue}s, and prefixes below which any name binds. */
    record Bindings(Set<String> keys, Map<String, String> defaults, Set<String> openPrefixes) {

        Bindings {
            keys = Set.copyOf(keys);
            defaults = Map.copyOf(defaults);
            openPrefixes = Set.copyOf(openPrefixes);
        }
    }

    private final Map<String, String> recordComponents = new HashMap<>();
    private final List<Annotated> annotated = new ArrayList<>();

    /** A {@code @ConfigurationProperties} prefix and the source after the annotation (what it annotates). */
    private record Annotated(String prefix, String following) {
    }

    /** Reads the given Java sources (their text, one string per file). */
    ConfigurationPropertiesSource(List<String> sources) {
        for (String raw : sources) {
            String source = withoutComments(raw);
            Matcher record = RECORD.matcher(source);
            while (record.find()) {
                recordComponents.putIfAbsent(record.group(1), balanced(source, record.end() - 1));
            }
            Matcher annotation = ANNOTATION.matcher(source);
            while (annotation.find()) {
                String arguments = balanced(source, annotation.end() - 1);
                Matcher prefix = STRING.matcher(arguments);
                if (prefix.find()) {
                    annotated.add(new Annotated(prefix.group(1), source.substring(annotation.end() + arguments.length())));
                }
            }
        }
    }

    Bindings bindings() {
        Set<String> keys = new TreeSet<>();
        Map<String, String> defaults = new HashMap<>();
        Set<String> open = new TreeSet<>();
        for (Annotated entry : annotated) {
            String prefix = entry.prefix();
            Matcher next = NEXT_DECLARATION.matcher(entry.following());
            if (next.find() && "record".equals(next.group(1)) && recordComponents.containsKey(next.group(2))) {
                collect(prefix, next.group(2), keys, defaults, open, new TreeSet<>());
            } else {
                open.add(prefix); // a JavaBean class or a @Bean method: its names are not readable from here
            }
        }
        return new Bindings(keys, defaults, open);
    }

    private void collect(String prefix, String recordName, Set<String> keys, Map<String, String> defaults,
            Set<String> open, Set<String> visiting) {
        if (!visiting.add(recordName)) {
            return;
        }
        for (String component : splitTopLevel(recordComponents.get(recordName))) {
            Matcher defaultValue = DEFAULT_VALUE.matcher(component);
            String declaration = stripAnnotations(component.trim());
            if (declaration.isEmpty()) {
                continue;
            }
            Matcher nameAtEnd = NAME_AT_END.matcher(declaration);
            if (!nameAtEnd.find()) {
                continue;
            }
            String name = nameAtEnd.group(1);
            String type = declaration.substring(0, nameAtEnd.start()).trim();
            String key = prefix + "." + kebab(name);
            String rawType = type.replaceAll("<.*", "").replaceAll(".*\\.", "");
            if (type.endsWith("[]") || type.endsWith("...") || OPEN_TYPES.contains(rawType)) {
                open.add(key);
            } else if (recordComponents.containsKey(rawType)) {
                collect(key, rawType, keys, defaults, open, visiting);
            } else {
                keys.add(key);
                if (defaultValue.find()) {
                    defaults.put(key, defaultValue.group(1));
                }
            }
        }
        visiting.remove(recordName);
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** The text inside the parenthesis that opens at {@code open}, without the parentheses. */
    private static String balanced(String source, int open) {
        int depth = 0;
        boolean inString = false;
        for (int i = open; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '"' && source.charAt(i - 1) != '\\') {
                inString = !inString;
            } else if (!inString && c == '(') {
                depth++;
            } else if (!inString && c == ')' && --depth == 0) {
                return source.substring(open + 1, i);
            }
        }
        throw new IllegalArgumentException("unbalanced parentheses at " + open);
    }

    private static List<String> splitTopLevel(String components) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean inString = false;
        int start = 0;
        for (int i = 0; i < components.length(); i++) {
            char c = components.charAt(i);
            if (c == '"' && (i == 0 || components.charAt(i - 1) != '\\')) {
                inString = !inString;
            } else if (!inString && (c == '(' || c == '<' || c == '{')) {
                depth++;
            } else if (!inString && (c == ')' || c == '>' || c == '}')) {
                depth--;
            } else if (!inString && c == ',' && depth == 0) {
                parts.add(components.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(components.substring(start));
        return parts;
    }

    private static String stripAnnotations(String component) {
        String rest = component;
        Matcher annotation = LEADING_ANNOTATION.matcher(rest);
        while (annotation.find()) {
            rest = rest.substring(annotation.end());
            if (rest.startsWith("(")) {
                rest = rest.substring(balanced(rest, 0).length() + 2);
            }
            rest = rest.trim();
            annotation = LEADING_ANNOTATION.matcher(rest);
        }
        return rest.replaceAll("\\s+", " ");
    }

    /** Removes comments but not string contents ("http://..." is not a comment). */
    private static String withoutComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '"') {
                int end = i + 1;
                while (end < source.length() && (source.charAt(end) != '"' || source.charAt(end - 1) == '\\')) {
                    end++;
                }
                out.append(source, i, Math.min(end + 1, source.length()));
                i = end + 1;
            } else if (c == '\'') {
                int end = source.indexOf('\'', i + (source.startsWith("'\\", i) ? 3 : 1));
                end = end < 0 ? source.length() - 1 : end;
                out.append(source, i, end + 1);
                i = end + 1;
            } else if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? source.length() : end;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
                out.append(' ');
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
