package dev.eventcrm.projections;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code crm.mongodb.*}; query-service binds the same prefix with its own class, hence the distinct name. */
@ConfigurationProperties("crm.mongodb")
public record ProjectionsMongoProperties(String uri, String database) {
    public ProjectionsMongoProperties {
        uri = uri == null || uri.isBlank() ? "mongodb://localhost:27017" : uri;
        database = database == null || database.isBlank() ? "crm" : database;
    }
}
