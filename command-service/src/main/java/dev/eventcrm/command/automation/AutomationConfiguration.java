package dev.eventcrm.command.automation;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.GenericSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import javax.sql.DataSource;
import java.util.List;

/**
 * Where automation keeps its state: in the event store's database, in the transactions of the events.
 * <ul>
 *   <li>Event handlers and sagas run in subscribing processors: in the thread and transaction that store the
 *   triggering event, so a reaction commits with its cause or not at all (a reaction that fails fails its cause).</li>
 *   <li>Sagas are stored by Axon's JDBC saga store ({@code SagaEntry}, {@code AssociationValueEntry}), their fields
 *   serialized as JSON.</li>
 *   <li>Deadlines are rows of db-scheduler's {@code scheduled_tasks}, written in the scheduling transaction. An
 *   instance claims a due row with an optimistic update before running it, so two instances never run one deadline;
 *   a deadline that fell due while every instance was down runs once one starts. Axon's db-scheduler deadline manager
 *   (auto-configured once the {@link Scheduler} bean exists) runs it in a transaction of its own.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class AutomationConfiguration {

    /**
     * Axon's default error handler logs a failed reaction and carries on, which would commit the cause without its
     * reaction: a failure propagates instead, and rolls the cause back with it.
     */
    @Bean
    ConfigurerModule subscribingAutomation() {
        return configurer -> configurer.eventProcessing().usingSubscribingEventProcessors()
                .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
    }

    /** Field-serialized like snapshots, so that a saga needs no getters. */
    @Bean
    SagaStore<Object> sagaStore(ConnectionProvider connectionProvider,
                                @Qualifier("snapshotSerializer") Serializer serializer) {
        return JdbcSagaStore.builder()
                .connectionProvider(connectionProvider)
                .sqlSchema(new GenericSagaSqlSchema())
                .serializer(serializer)
                .build();
    }

    /**
     * Started once the application is ready ({@link DeadlineSchedulerLifecycle}), so that no deadline runs before
     * the aggregates and sagas it addresses are registered. Its connections join the Spring transaction that is
     * active, so a deadline is stored in the transaction that schedules it.
     */
    @Bean
    Scheduler deadlineScheduler(DataSource dataSource, List<Task<?>> tasks, AutomationProperties properties) {
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), tasks)
                .threads(properties.deadlineThreads())
                .pollingInterval(properties.deadlinePoll())
                .heartbeatInterval(properties.heartbeat())
                .missedHeartbeatsLimit(properties.missedHeartbeats())
                .shutdownMaxWait(properties.shutdownWait())
                .build();
    }
}
