package dev.orderflow.messaging.schema;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;

/**
 * Migrates messaging's own tables with its own Flyway instance and history table, in schema {@value #SCHEMA}.
 *
 * <p>A separate schema keeps the service's Flyway (which owns the default schema and refuses a non-empty schema
 * without its history) and Hibernate's {@code ddl-auto=validate} unaware of these tables, whichever migrates first.
 */
public final class MessagingSchema {

    public static final String SCHEMA = "messaging";
    public static final String HISTORY_TABLE = "messaging_schema_history";
    public static final String LOCATION = "classpath:db/orderflow-messaging";

    private final MigrateResult result;

    private MessagingSchema(MigrateResult result) {
        this.result = result;
    }

    /** Brings the schema up to date; several instances starting at once are serialized by Flyway's own lock. */
    public static MessagingSchema migrate(DataSource dataSource) {
        MigrateResult result = Flyway.configure(MessagingSchema.class.getClassLoader())
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .createSchemas(true)
                .table(HISTORY_TABLE)
                .locations(LOCATION)
                .load()
                .migrate();
        return new MessagingSchema(result);
    }

    public String version() {
        return result.targetSchemaVersion;
    }
}
