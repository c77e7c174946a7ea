package dev.eventcrm.command.marketing;

import dev.eventcrm.api.ApiException;
import dev.eventcrm.command.dispatch.CommandDispatcher;
import dev.eventcrm.command.dispatch.CommandResponse;
import dev.eventcrm.events.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Map;

@RestController
@RequestMapping(path = "/api/v1/marketing-spend", produces = MediaType.APPLICATION_JSON_VALUE)
class MarketingSpendController {

    record AmountRequest(
            @NotNull @DecimalMin(value = "0") @Digits(integer = 15, fraction = 4) BigDecimal value,
            @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency) {
    }

    /** @param period a month, {@code YYYY-MM} */
    record SpendRequest(
            @NotBlank @Size(max = 100) String source,
            @NotNull @Pattern(regexp = "\\d{4}-\\d{2}", message = "must be a month such as 2026-11") String period,
            @NotNull @Valid AmountRequest amount) {
    }

    private final CommandDispatcher dispatcher;

    MarketingSpendController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /**
     * 201 {@code {"id","version":0}} for a source's month recorded the first time; 200 {@code {"id","version"}} when
     * it replaces the amount recorded before (the same amount again stores nothing and answers the current version).
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> record(@Valid @RequestBody SpendRequest body,
                                                     ServerHttpRequest request) {
        RecordMarketingSpend command = RecordMarketingSpend.of(body.source(), month(body.period()),
                new Money(body.amount().value(), body.amount().currency()));
        return dispatcher.dispatch(request, body, command, Instant.now(), result -> {
            RecordMarketingSpend.Result recorded = (RecordMarketingSpend.Result) result;
            return new CommandResponse(recorded.created() ? 201 : 200,
                    Map.of("id", command.spendId(), "version", recorded.version()));
        });
    }

    private static YearMonth month(String period) {
        try {
            return YearMonth.parse(period);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("period", "must be a month such as 2026-11");
        }
    }
}
