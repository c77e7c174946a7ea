package dev.eventcrm.command.dispatch;

import java.util.Map;

/** What a successful command answers: its HTTP status and JSON body (e.g. {"id", "version"}). */
public record CommandResponse(int status, Map<String, Object> body) {
}
