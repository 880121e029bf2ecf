package dev.orderflow.localstack;

/** The one Kafka broker and one PostgreSQL server of a test JVM, however they were started. */
interface SharedInfrastructure extends AutoCloseable {

    String kafkaBootstrapServers();

    String jdbcUrl();

    String username();

    String password();

    /** Stops both; called once, by the JVM's shutdown hook. */
    @Override
    void close();
}
