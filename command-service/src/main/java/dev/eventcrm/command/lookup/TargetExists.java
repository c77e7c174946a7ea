package dev.eventcrm.command.lookup;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * The rule that a command to an existing aggregate targets one of the right kind: checked in the lookup table before
 * the aggregate is loaded, so an id of a contact sent to a deal command (or of a call to a contact command) is "not
 * found" rather than an aggregate of the wrong type replayed.
 */
@Component
public class TargetExists implements MessageHandlerInterceptor<CommandMessage<?>>, ConfigurerModule {

    private final AggregateLookup lookup;

    public TargetExists(AggregateLookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (unitOfWork.getMessage().getPayload() instanceof TargetsExisting command
                && !lookup.exists(command.targetId(), command.targetType())) {
            throw new AggregateNotFoundException(command.targetId(),
                    "No " + command.targetType().toLowerCase(Locale.ROOT) + " with id " + command.targetId());
        }
        return chain.proceed();
    }

    @Override
    public void configureModule(Configurer configurer) {
        configurer.onInitialize(config -> config.onStart(() -> config.commandBus().registerHandlerInterceptor(this)));
    }
}
