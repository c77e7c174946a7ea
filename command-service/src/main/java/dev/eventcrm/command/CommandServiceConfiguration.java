package dev.eventcrm.command;

import dev.eventcrm.api.ApiSupportConfiguration;
import dev.eventcrm.command.automation.AutomationProperties;
import dev.eventcrm.command.cadence.CadenceProperties;
import dev.eventcrm.command.contact.imports.ImportProperties;
import dev.eventcrm.command.dispatch.CommandMetadata;
import dev.eventcrm.command.dispatch.DispatchProperties;
import dev.eventcrm.command.eventstore.AggregateProperties;
import dev.eventcrm.command.pipeline.PipelineProperties;
import dev.eventcrm.command.task.TaskProperties;
import dev.eventcrm.command.user.UserProperties;
import org.axonframework.config.ConfigurerModule;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

/** The command side, importable into the all-in-one launcher or run alone by {@link CommandServiceApplication}. */
@Configuration(proxyBeanMethods = false)
@ComponentScan(excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootApplication.class))
@EnableConfigurationProperties({CommandServiceProperties.class, DispatchProperties.class, AggregateProperties.class,
        PipelineProperties.class, ImportProperties.class, UserProperties.class, AutomationProperties.class,
        TaskProperties.class, CadenceProperties.class})
@Import(ApiSupportConfiguration.class)
@PropertySource("classpath:dev/eventcrm/command/command-defaults.properties")
public class CommandServiceConfiguration {

    @Bean
    JdbcTemplate eventStoreJdbcTemplate(DataSource dataSource) {
        return new JdbcTemplate(dataSource);
    }

    @Bean
    ConfigurerModule recordedAtStamp() {
        return configurer -> configurer.onInitialize(config -> config.onStart(
                () -> config.eventBus().registerDispatchInterceptor(CommandMetadata.recordedAtStamp())));
    }
}
