package dev.eventcrm.command.eventstore;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.eventcrm.command.CommandServiceProperties;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.math.BigDecimal;

/**
 * The event store: Axon's JDBC engine over PostgreSQL, or H2 in the standalone default. Defined here rather than
 * left to auto-configuration so that the schema (Flyway), the serializer and the transaction boundaries are ours.
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    @Bean
    @Primary
    DataSource eventStoreDataSource(CommandServiceProperties properties) {
        CommandServiceProperties.EventStore store = properties.eventstore();
        HikariConfig config = new HikariConfig();
        config.setPoolName("eventstore");
        config.setJdbcUrl(withH2Durability(store.url()));
        config.setUsername(store.username());
        config.setPassword(store.password());
        config.setMaximumPoolSize(store.maxPoolSize());
        return new HikariDataSource(config);
    }

    /**
     * H2 delays writing committed transactions by default; a command answered 2xx must survive kill -9. Its lock
     * timeout (1 s by default) is raised so that a request waiting for a concurrent duplicate's Idempotency-Key claim
     * waits in the database, as on PostgreSQL.
     */
    static String withH2Durability(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return url;
        }
        String upper = url.toUpperCase();
        String settings = (upper.contains("WRITE_DELAY") ? "" : ";WRITE_DELAY=0")
                + (upper.contains("LOCK_TIMEOUT") ? "" : ";LOCK_TIMEOUT=10000");
        return url + settings;
    }

    /** One migration set per database dialect (src/main/resources/db/migration/{h2,postgresql}). */
    @Bean
    FlywayConfigurationCustomizer migrationsPerDialect(CommandServiceProperties properties) {
        String dialect = properties.eventstore().url().startsWith("jdbc:h2:") ? "h2" : "postgresql";
        return configuration -> configuration.locations("classpath:db/migration/" + dialect);
    }

    @Bean
    PlatformTransactionManager eventStoreTransactionManager(DataSource dataSource) {
        return new DataSourceTransactionManager(dataSource);
    }

    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    /** Jackson 2 for stored events: readable JSON payloads that the relay embeds verbatim in the Kafka envelope. */
    static ObjectMapper eventObjectMapper() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        // Exact decimals survive every consumer (JavaScript included) only as strings.
        mapper.configOverride(BigDecimal.class).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
        return mapper;
    }

    @Bean
    @Primary
    Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(eventObjectMapper()).build();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return JacksonSerializer.builder().objectMapper(eventObjectMapper()).build();
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return JacksonSerializer.builder().objectMapper(eventObjectMapper()).build();
    }

    /**
     * Snapshots are aggregates serialized as they are: private fields, no getters, so Jackson must read fields.
     * (With the default visibility a snapshot would be {@code {}} and restore an empty aggregate.)
     */
    @Bean
    @Qualifier("snapshotSerializer")
    Serializer snapshotSerializer() {
        ObjectMapper mapper = eventObjectMapper().setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    @Bean
    ConnectionProvider axonConnectionProvider(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new UniqueViolationResolver();
    }

    @Bean
    EventStorageEngine eventStorageEngine(@Qualifier("eventSerializer") Serializer eventSerializer,
                                          @Qualifier("snapshotSerializer") Serializer snapshotSerializer,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          PersistenceExceptionResolver persistenceExceptionResolver) {
        return JdbcEventStorageEngine.builder()
                .eventSerializer(eventSerializer)
                .snapshotSerializer(snapshotSerializer)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .build();
    }
}
