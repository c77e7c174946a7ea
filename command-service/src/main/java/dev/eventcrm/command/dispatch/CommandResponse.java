package dev.eventcrm.command.dispatch;

import java.util.Map;

/** What a successful command answers: its HTTP status and JSON body (e.g. {"id", "version"}). */
public record CommandResponse(int status, Map<String, Object> body) {

    /** 200 with the changed record's id and its version after the command (what the handler returned). */
    public static CommandResponse updated(String id, Object version) {
        return new CommandResponse(200, Map.of("id", id, "version", version));
    }
}
