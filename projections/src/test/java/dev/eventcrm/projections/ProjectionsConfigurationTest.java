package dev.eventcrm.projections;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.core.Projection;
import dev.eventcrm.projections.runner.ProjectionRunner;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The wiring an all-in-one launcher imports, beside another module that binds crm.mongodb and has Mongo beans. */
class ProjectionsConfigurationTest {
    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withUserConfiguration(ProjectionsConfiguration.class, QueryServiceLikeMongo.class)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues("crm.projections.enabled=false"); // no broker or MongoDB here: wiring only

    @Test
    void defaultsAreDefinedInJava() {
        contexts.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ProjectionsKafkaProperties.class))
                    .isEqualTo(new ProjectionsKafkaProperties("localhost:9092", "crm.events"));
            assertThat(context.getBean(ProjectionsMongoProperties.class))
                    .isEqualTo(new ProjectionsMongoProperties("mongodb://localhost:27017", "crm"));
            ProjectionsProperties settings = context.getBean(ProjectionsProperties.class);
            assertThat(settings.groupId()).isEqualTo("crm-projections");
            assertThat(settings.historyUrl()).isEqualTo("http://localhost:8080");
            assertThat(settings.historyTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(ProjectionsProperties.defaults().isEnabled()).isTrue();
        });
    }

    @Test
    void projectionBeansCoexistWithAnotherModulesMongoBeans() {
        contexts.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasBean(ProjectionsConfiguration.MONGO_CLIENT)
                    .hasBean(ProjectionsConfiguration.MONGO_DATABASE)
                    .hasBean("projectionRunner");
            assertThat(context.getBean(ProjectionsConfiguration.MONGO_DATABASE, MongoDatabase.class).getName())
                    .isEqualTo("crm");
            assertThat(context.getBeansOfType(Projection.class).values()).extracting(Projection::name)
                    .containsExactlyInAnyOrder("deal-board", "contact-card", "pipelines", "companies", "users",
                            "tasks", "timeline", "invoices", "deal-funnel", "deal-facts", "customer-value",
                            "manager-kpis", "quotas", "saved-segments", "lead-sources", "change-feed");
            assertThat(context.getBean(ProjectionRunner.class).isRunning()).isFalse();
        });
    }

    @Test
    void environmentVariablesBindByRelaxedNames() {
        contexts.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("env", Map.of(
                                "CRM_KAFKA_BOOTSTRAP", "broker:29092",
                                "CRM_PROJECTIONS_GROUP_ID", "rebuild-2",
                                "CRM_MONGODB_DATABASE", "crm_test"))))
                .run(context -> {
                    assertThat(context.getBean(ProjectionsKafkaProperties.class).bootstrap()).isEqualTo("broker:29092");
                    assertThat(context.getBean(ProjectionsProperties.class).groupId()).isEqualTo("rebuild-2");
                    assertThat(context.getBean(ProjectionsConfiguration.MONGO_DATABASE, MongoDatabase.class)
                            .getName()).isEqualTo("crm_test");
                });
    }

    /** Stands for query-service: its own crm.mongodb binding and unqualified Mongo beans of the same types. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(QueryServiceLikeMongo.OtherMongoProperties.class)
    static class QueryServiceLikeMongo {
        @ConfigurationProperties("crm.mongodb")
        record OtherMongoProperties(String uri, String database) {
        }

        @Bean(destroyMethod = "close")
        MongoClient mongoClient() {
            return MongoClients.create("mongodb://localhost:27017");
        }

        @Bean
        MongoDatabase mongoDatabase(MongoClient mongoClient) {
            return mongoClient.getDatabase("crm");
        }
    }
}
