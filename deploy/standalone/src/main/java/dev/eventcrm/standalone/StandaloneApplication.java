package dev.eventcrm.standalone;

import dev.eventcrm.command.CommandServiceConfiguration;
import dev.eventcrm.projections.ProjectionsConfiguration;
import dev.eventcrm.projections.changes.DurableHeadListener;
import dev.eventcrm.query.QueryServiceConfiguration;
import dev.eventcrm.query.stream.ChangeFeedWakeUp;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.util.HashMap;
import java.util.Map;

/**
 * Command service, projections and query service in one JVM on one port, over embedded infrastructure by default:
 * an H2 file event store, an in-process Kafka KRaft broker and a MongoDB wire-protocol server, all under
 * CRM_DATA_DIR.
 */
@SpringBootApplication
@Import({CommandServiceConfiguration.class, ProjectionsConfiguration.class, QueryServiceConfiguration.class})
public class StandaloneApplication {

    public static void main(String[] args) throws Exception {
        // no usage reports to AxonIQ from a machine that may be offline or private
        System.setProperty("axoniq.update-checker.disabled", System.getProperty("axoniq.update-checker.disabled", "true"));
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(StandaloneSettings.from(System.getenv()));
        try {
            application(infrastructure).run(args);
        } catch (RuntimeException startFailed) {
            // the embedded servers' non-daemon threads would otherwise keep a failed process alive
            infrastructure.close();
            throw startFailed;
        }
    }

    /** In one JVM the projections' commit wakes the SSE reader at once instead of its poll. */
    @Bean
    DurableHeadListener changeFeedHeadToStreams(ChangeFeedWakeUp streams) {
        return streams::headAdvanced;
    }

    /** The application wired to the given infrastructure, which it stops last on shutdown. */
    public static SpringApplication application(EmbeddedInfrastructure infrastructure) {
        SpringApplication application = new SpringApplication(StandaloneApplication.class);
        Map<String, Object> defaults = new HashMap<>(infrastructure.properties());
        application.setDefaultProperties(defaults);
        application.addInitializers(context ->
                context.getBeanFactory().registerSingleton("embeddedInfrastructure", infrastructure));
        return application;
    }
}
