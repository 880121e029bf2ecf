package dev.orderflow.localstack.launcher;

import java.util.List;

/** What a service's JVM runs, made ready from its module's latest build before every start. */
interface ServiceCode {

    /**
     * Brings what runs up to date with the latest build and returns the rest of the command line after the JVM's
     * options, e.g. {@code -jar <jar>}.
     */
    List<String> prepare();
}
