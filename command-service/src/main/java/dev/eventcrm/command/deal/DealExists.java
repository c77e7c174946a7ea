package dev.eventcrm.command.deal;

import dev.eventcrm.command.lookup.AggregateLookup;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * The rule that a deal command targets a deal: checked in the lookup table before the aggregate is loaded, so an id
 * of a contact or a call is "not found" rather than an aggregate of the wrong type replayed as a deal.
 */
@Component
class DealExists implements MessageHandlerInterceptor<CommandMessage<?>>, ConfigurerModule {

    private final AggregateLookup lookup;

    DealExists(AggregateLookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (unitOfWork.getMessage().getPayload() instanceof DealCommand command
                && !lookup.exists(command.dealId(), AggregateLookup.DEAL)) {
            throw new AggregateNotFoundException(command.dealId(), "No deal with id " + command.dealId());
        }
        return chain.proceed();
    }

    @Override
    public void configureModule(Configurer configurer) {
        configurer.onInitialize(config -> config.onStart(() -> config.commandBus().registerHandlerInterceptor(this)));
    }
}
