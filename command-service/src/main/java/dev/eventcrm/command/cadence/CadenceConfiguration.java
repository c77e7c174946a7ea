package dev.eventcrm.command.cadence;

import dev.eventcrm.command.automation.TransactionLocks;
import dev.eventcrm.events.call.CallLogged;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One contact's calls are reacted to one at a time. The saga store has no version check, and two first misses
 * would each start a cadence of their own: the contact's lock is taken before the saga is looked up, so the second
 * call's transaction finds the cadence the first one committed.
 */
@Configuration(proxyBeanMethods = false)
class CadenceConfiguration {

    /** Axon names a saga's processor after the saga. */
    static final String PROCESSOR = UnansweredCallCadence.class.getSimpleName() + "Processor";

    @Bean
    ConfigurerModule oneCallOfAContactAtATime(TransactionLocks locks) {
        return configurer -> configurer.eventProcessing()
                .registerHandlerInterceptor(PROCESSOR, configuration -> lockingTheContact(locks));
    }

    static MessageHandlerInterceptor<EventMessage<?>> lockingTheContact(TransactionLocks locks) {
        return (unitOfWork, chain) -> {
            if (unitOfWork.getMessage().getPayload() instanceof CallLogged call) {
                locks.lock("call-cadence:" + call.contactId());
            }
            return chain.proceed();
        };
    }
}
