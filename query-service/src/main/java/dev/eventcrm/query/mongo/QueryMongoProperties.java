package dev.eventcrm.query.mongo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code crm.mongodb.*} as the query service reads it (other modules bind the same prefix with their own class). */
@ConfigurationProperties("crm.mongodb")
public record QueryMongoProperties(
        @DefaultValue("mongodb://localhost:27017") String uri,
        @DefaultValue("crm") String database) {
}
