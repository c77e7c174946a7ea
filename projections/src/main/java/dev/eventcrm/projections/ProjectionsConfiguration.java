package dev.eventcrm.projections;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.changes.ChangeFeedProjection;
import dev.eventcrm.projections.admin.ProjectionCatalog;
import dev.eventcrm.projections.changes.DurableHeadListener;
import dev.eventcrm.projections.company.CompaniesProjection;
import dev.eventcrm.projections.company.CompanyCard;
import dev.eventcrm.projections.contact.ContactCard;
import dev.eventcrm.projections.contact.ContactCardProjection;
import dev.eventcrm.projections.core.DocumentProjection;
import dev.eventcrm.projections.deal.DealCard;
import dev.eventcrm.projections.customervalue.CustomerFact;
import dev.eventcrm.projections.customervalue.CustomerValueProjection;
import dev.eventcrm.projections.dealfacts.DealFacts;
import dev.eventcrm.projections.dealfacts.DealFactsProjection;
import dev.eventcrm.projections.rebuild.EventLog;
import dev.eventcrm.projections.rebuild.HttpEventLog;
import dev.eventcrm.projections.rebuild.ProjectionRebuilds;
import dev.eventcrm.projections.core.Projection;
import dev.eventcrm.projections.deal.DealBoardProjection;
import dev.eventcrm.projections.event.EnvelopeParser;
import dev.eventcrm.projections.funnel.DealFunnelFacts;
import dev.eventcrm.projections.funnel.DealFunnelProjection;
import dev.eventcrm.projections.leadsource.LeadSourceFact;
import dev.eventcrm.projections.leadsource.LeadSourceProjection;
import dev.eventcrm.projections.managerkpi.ManagerKpiFacts;
import dev.eventcrm.projections.managerkpi.ManagerKpiProjection;
import dev.eventcrm.projections.quota.QuotaHistory;
import dev.eventcrm.projections.quota.QuotasProjection;
import dev.eventcrm.projections.segment.SavedSegment;
import dev.eventcrm.projections.segment.SavedSegmentsProjection;
import dev.eventcrm.projections.history.EventHistory;
import dev.eventcrm.projections.history.HttpEventHistory;
import dev.eventcrm.projections.invoice.Invoice;
import dev.eventcrm.projections.invoice.InvoicesProjection;
import dev.eventcrm.projections.pipeline.Pipeline;
import dev.eventcrm.projections.pipeline.PipelinesProjection;
import dev.eventcrm.projections.runner.ProjectionRunner;
import dev.eventcrm.projections.task.Task;
import dev.eventcrm.projections.task.TasksProjection;
import dev.eventcrm.projections.timeline.TimelineProjection;
import dev.eventcrm.projections.user.User;
import dev.eventcrm.projections.user.UsersProjection;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import java.time.Clock;
import java.util.List;

/**
 * Everything the projections need, importable by an all-in-one launcher. Bean names carry a {@code projections}
 * prefix or the projection's name because other modules define Mongo beans of the same types in that context.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackages = "dev.eventcrm.projections",
        excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootApplication.class))
@EnableConfigurationProperties({ProjectionsKafkaProperties.class, ProjectionsProperties.class,
        ProjectionsMongoProperties.class, ProjectionsUsersProperties.class})
public class ProjectionsConfiguration {
    public static final String MONGO_CLIENT = "projectionsMongoClient";
    public static final String MONGO_DATABASE = "projectionsMongoDatabase";

    @Bean(name = MONGO_CLIENT, destroyMethod = "close")
    public MongoClient projectionsMongoClient(ProjectionsMongoProperties mongo) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(mongo.uri()))
                .applicationName("crm-projections")
                .build());
    }

    @Bean(name = MONGO_DATABASE)
    public MongoDatabase projectionsMongoDatabase(@Qualifier(MONGO_CLIENT) MongoClient client,
                                                  ProjectionsMongoProperties mongo) {
        return client.getDatabase(mongo.database());
    }

    @Bean
    public EnvelopeParser projectionsEnvelopeParser() {
        return new EnvelopeParser();
    }

    @Bean
    public EventHistory projectionsEventHistory(ProjectionsProperties settings,
                                                @Qualifier("projectionsEnvelopeParser") EnvelopeParser parser) {
        return new HttpEventHistory(settings.historyUrl(), settings.historyTimeout(), parser);
    }

    @Bean
    public EventLog projectionsEventLog(ProjectionsProperties settings,
                                        @Qualifier("projectionsEnvelopeParser") EnvelopeParser parser) {
        return new HttpEventLog(settings.historyUrl(), settings.historyTimeout(), parser);
    }

    @Bean
    @Order(0)
    public DocumentProjection<DealCard> dealBoardProjection(@Qualifier(MONGO_DATABASE) MongoDatabase database,
                                                            @Qualifier("projectionsEventHistory") EventHistory history,
                                                            ProjectionsProperties settings) {
        return DealBoardProjection.create(database, history, settings.storeTimeout());
    }

    @Bean
    @Order(1)
    public DocumentProjection<ContactCard> contactCardProjection(@Qualifier(MONGO_DATABASE) MongoDatabase database,
                                                                 @Qualifier("projectionsEventHistory") EventHistory history,
                                                                 ProjectionsProperties settings) {
        return ContactCardProjection.create(database, history, settings.storeTimeout());
    }

    @Bean
    @Order(2)
    public DocumentProjection<Pipeline> pipelinesProjection(@Qualifier(MONGO_DATABASE) MongoDatabase database,
                                                            @Qualifier("projectionsEventHistory") EventHistory history,
                                                            ProjectionsProperties settings) {
        return PipelinesProjection.create(database, history, settings.storeTimeout());
    }

    @Bean
    @Order(3)
    public DocumentProjection<CompanyCard> companiesProjection(@Qualifier(MONGO_DATABASE) MongoDatabase database,
                                                               @Qualifier("projectionsEventHistory") EventHistory history,
                                                               ProjectionsProperties settings) {
        return CompaniesProjection.create(database, history, settings.storeTimeout());
    }

    @Bean
    @Order(4)
    public DocumentProjection<User> usersProjection(@Qualifier(MONGO_DATABASE) MongoDatabase database,
                                                    @Qualifier("projectionsEventHistory") EventHistory history,
                                                    ProjectionsProperties settings) {
        return UsersProjection.create(database, history, settings.storeTimeout());
    }

    @Bean
    @Order(5)
    public DocumentProjection<Task> tasksProjection(@Qualifier(MONGO_DATABASE) MongoDatabase database,
                                                    @Qualifier("projectionsEventHistory") EventHistory history,
                                                    ProjectionsProperties settings) {
        return TasksProjection.create(database, history, settings.storeTimeout());
    }

    @Bean
    @Order(6)
    public TimelineProjection timelineProjection(@Qualifier(MONGO_DATABASE) MongoDatabase database,
                                                 @Qualifier("projectionsEventHistory") EventHistory history,
                                                 ProjectionsProperties settings) {
        return TimelineProjection.create(database, history, settings.storeTimeout());
    }

    @Bean
    @Order(7)
    public DocumentProjection<Invoice> invoicesProjection(@Qualifier(MONGO_DATABASE) MongoDatabase database,
                                                          @Qualifier("projectionsEventHistory") EventHistory history,
                                                          ProjectionsProperties settings) {
        return InvoicesProjection.create(database, history, settings.storeTimeout());
    }

    @Bean
    @Order(8)
    public DocumentProjection<DealFunnelFacts> dealFunnelProjection(@Qualifier(MONGO_DATABASE) MongoDatabase database,
                                                                    @Qualifier("projectionsEventHistory") EventHistory history,
                                                                    ProjectionsProperties settings) {
        return DealFunnelProjection.create(database, history, settings.storeTimeout());
    }

    @Bean
    @Order(9)
    public DocumentProjection<DealFacts> dealFactsProjection(@Qualifier(MONGO_DATABASE) MongoDatabase database,
                                                             @Qualifier("projectionsEventHistory") EventHistory history,
                                                             ProjectionsProperties settings,
                                                             ProjectionsUsersProperties users) {
        return DealFactsProjection.create(database, history, users.zone(), settings.storeTimeout());
    }

    @Bean
    @Order(10)
    public DocumentProjection<CustomerFact> customerValueProjection(@Qualifier(MONGO_DATABASE) MongoDatabase database,
                                                                    @Qualifier("projectionsEventHistory") EventHistory history,
                                                                    ProjectionsProperties settings) {
        return CustomerValueProjection.create(database, history, settings.storeTimeout());
    }

    @Bean
    @Order(11)
    public DocumentProjection<ManagerKpiFacts> managerKpiProjection(@Qualifier(MONGO_DATABASE) MongoDatabase database,
                                                                    @Qualifier("projectionsEventHistory") EventHistory history,
                                                                    ProjectionsProperties settings,
                                                                    ProjectionsUsersProperties users) {
        return ManagerKpiProjection.create(database, history, users.zone(), settings.storeTimeout());
    }

    @Bean
    @Order(12)
    public DocumentProjection<QuotaHistory> quotasProjection(@Qualifier(MONGO_DATABASE) MongoDatabase database,
                                                             @Qualifier("projectionsEventHistory") EventHistory history,
                                                             ProjectionsProperties settings) {
        return QuotasProjection.create(database, history, settings.storeTimeout());
    }

    @Bean
    @Order(13)
    public DocumentProjection<SavedSegment> savedSegmentsProjection(@Qualifier(MONGO_DATABASE) MongoDatabase database,
                                                                    @Qualifier("projectionsEventHistory") EventHistory history,
                                                                    ProjectionsProperties settings) {
        return SavedSegmentsProjection.create(database, history, settings.storeTimeout());
    }

    @Bean
    @Order(14)
    public DocumentProjection<LeadSourceFact> leadSourceProjection(@Qualifier(MONGO_DATABASE) MongoDatabase database,
                                                                   @Qualifier("projectionsEventHistory") EventHistory history,
                                                                   ProjectionsProperties settings,
                                                                   ProjectionsUsersProperties users) {
        return LeadSourceProjection.create(database, history, users.zone(), settings.storeTimeout());
    }

    /** Last, so that a client notified through the feed reads read models that already include the event. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    public ChangeFeedProjection changeFeedProjection(@Qualifier(MONGO_DATABASE) MongoDatabase database,
                                                     ProjectionsProperties settings) {
        return new ChangeFeedProjection(database, settings.storeTimeout());
    }

    @Bean
    public ProjectionRunner projectionRunner(ProjectionsKafkaProperties kafka, ProjectionsProperties settings,
                                             @Qualifier(MONGO_DATABASE) MongoDatabase database,
                                             List<Projection> projections,
                                             @Qualifier("projectionsEnvelopeParser") EnvelopeParser parser,
                                             MeterRegistry registry, List<DurableHeadListener> headListeners) {
        return new ProjectionRunner(kafka, settings, database, projections, parser, registry, headListeners);
    }

    @Bean
    public ProjectionCatalog projectionCatalog(@Qualifier(MONGO_DATABASE) MongoDatabase database,
                                               ProjectionsProperties settings) {
        return new ProjectionCatalog(database, settings.storeTimeout());
    }

    @Bean
    public ProjectionRebuilds projectionRebuilds(ProjectionRunner runner, ProjectionCatalog catalog,
                                                 @Qualifier("projectionsEventLog") EventLog events,
                                                 @Qualifier(MONGO_DATABASE) MongoDatabase database,
                                                 ProjectionsProperties settings) {
        return new ProjectionRebuilds(runner, catalog, events, database, settings, Clock.systemUTC());
    }
}
