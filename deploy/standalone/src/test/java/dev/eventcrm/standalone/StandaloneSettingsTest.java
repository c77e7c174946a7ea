package dev.eventcrm.standalone;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StandaloneSettingsTest {

    @Test
    void theEmbeddedMongoDbKeeps128MegabytesOfPagesUnlessTold() {
        assertThat(StandaloneSettings.from(Map.of()).mongoCacheMegabytes()).isEqualTo(128);
        assertThat(StandaloneSettings.from(Map.of("CRM_EMBEDDED_MONGO_CACHE_MB", "512")).mongoCacheMegabytes())
                .isEqualTo(512);
    }

    @Test
    void anExternalServiceReplacesTheEmbeddedOneOnlyWhenNamed() {
        StandaloneSettings settings = StandaloneSettings.from(Map.of("CRM_MONGODB_URI", " ",
                "CRM_KAFKA_BOOTSTRAP", "kafka:9092"));

        assertThat(settings.mongoUri()).isEmpty();
        assertThat(settings.kafkaBootstrap()).contains("kafka:9092");
        assertThat(settings.mongoPort()).isEqualTo(27017);
    }
}
