package dev.eventcrm.command.automation;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.test.utils.RecordingCommandBus;

import java.util.List;

/** {@link AutomationCommands} that record what automation sends instead of handling it, for tests of reactions. */
public final class RecordedAutomation {

    private final RecordingCommandBus bus = new RecordingCommandBus();
    private final AutomationCommands commands =
            new AutomationCommands(DefaultCommandGateway.builder().commandBus(bus).build());

    public AutomationCommands commands() {
        return commands;
    }

    /** Every command sent from now on is refused with {@code refusal}, as its handler would throw it. */
    public RecordedAutomation refusing(RuntimeException refusal) {
        bus.setCallbackBehavior((payload, metadata) -> {
            throw refusal;
        });
        return this;
    }

    public List<CommandMessage<?>> sent() {
        return bus.getDispatchedCommands();
    }
}
