package dev.eventcrm.command.quota;

import dev.eventcrm.api.ApiException;
import dev.eventcrm.command.dispatch.CommandDispatcher;
import dev.eventcrm.command.dispatch.CommandResponse;
import dev.eventcrm.command.dispatch.IfMatch;
import dev.eventcrm.events.quota.QuotaMetric;
import dev.eventcrm.events.quota.QuotaPeriod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

@RestController
@RequestMapping(path = "/api/v1/quotas", produces = MediaType.APPLICATION_JSON_VALUE)
class QuotaCommandController {
    private static final String CURRENCY = "[A-Z]{3}";

    /** @param period {@code month} or {@code quarter}; @param metric {@code revenue_won}, {@code deals_won}, ... */
    record SetQuotaRequest(
            @Size(min = 1, max = 100) String managerId,
            @Size(min = 1, max = 100) String teamId,
            @NotNull String period,
            @NotNull String metric,
            @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 15, fraction = 4) BigDecimal target,
            @Pattern(regexp = CURRENCY, message = "must be an ISO 4217 code such as EUR") String currency) {
    }

    record TargetRequest(
            @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 15, fraction = 4) BigDecimal target,
            @Pattern(regexp = CURRENCY, message = "must be an ISO 4217 code such as EUR") String currency) {
    }

    private final CommandDispatcher dispatcher;

    QuotaCommandController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** 201 {@code {"id","version":0}}; an unknown manager is a 400 naming managerId. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> set(@Valid @RequestBody SetQuotaRequest body,
                                                  ServerHttpRequest request) {
        String quotaId = UUID.randomUUID().toString();
        SetQuota command = new SetQuota(quotaId, body.managerId(), body.teamId(),
                named(QuotaPeriod.class, "period", body.period()), named(QuotaMetric.class, "metric", body.metric()),
                body.target(), body.currency());
        return dispatcher.dispatch(request, body, command, Instant.now(),
                result -> new CommandResponse(201, Map.of("id", quotaId, "version", 0)));
    }

    /** The target from now on; the earlier ones stay in the quota's history. */
    @PutMapping(path = "/{quotaId}/target", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> target(@PathVariable @Size(max = 100) String quotaId,
                                                     @Valid @RequestBody TargetRequest body,
                                                     @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                     ServerHttpRequest request) {
        ChangeQuotaTarget command = new ChangeQuotaTarget(quotaId, body.target(), body.currency(),
                IfMatch.version(ifMatch));
        return dispatcher.dispatch(request, body, command, Instant.now(),
                result -> CommandResponse.updated(quotaId, result));
    }

    /** The constant a lower-case name stands for, e.g. {@code revenue_won}. */
    private static <E extends Enum<E>> E named(Class<E> type, String field, String raw) {
        try {
            return Enum.valueOf(type, raw.trim().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(constant -> constant.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
    }
}
