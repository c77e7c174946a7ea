package dev.eventcrm.command.automation;

import org.axonframework.commandhandling.gateway.CommandGateway;

/** {@link AutomationCommands} over a fixture's command gateway, for saga tests in other packages. */
public final class TestAutomationCommands {

    private TestAutomationCommands() {
    }

    public static AutomationCommands over(CommandGateway gateway) {
        return new AutomationCommands(gateway);
    }
}
