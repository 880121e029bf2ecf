package dev.orderflow.localstack.launcher;

import java.util.List;

/** What a service's JVM runs, made ready from its module's latest build before every start. */
interface ServiceCode {

    /**
     * Brings what runs up to date with the latest build and returns the rest of the command line after the JVM's
     * options, e.g. {@code -jar <jar>}.
     */
    List<String> prepare();

    /**
     * Drops the start-up cache the next start would run with, after the JVM died of a fatal error while starting on
     * it: a cache is only ever a gain, so the service starts without one rather than not at all.
     *
     * @return whether there was one to drop (a start without a cache has nothing to try differently)
     */
    default boolean discardCache() {
        return false;
    }
}
