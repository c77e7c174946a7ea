package dev.eventcrm.command.invoice;

import dev.eventcrm.command.dispatch.CommandDispatcher;
import dev.eventcrm.command.dispatch.CommandResponse;
import dev.eventcrm.command.dispatch.IfMatch;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

@RestController
@RequestMapping(path = "/api/v1/invoices", produces = MediaType.APPLICATION_JSON_VALUE)
class InvoiceCommandController {

    record AmountRequest(
            @NotNull @DecimalMin(value = "0.00", inclusive = false) @Digits(integer = 15, fraction = 4)
            BigDecimal value,
            @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency) {
    }

    record IssueInvoiceRequest(
            @NotBlank @Size(max = 100) String dealId,
            @NotBlank @Size(max = 50) String number,
            @NotNull @Valid AmountRequest amount,
            @NotNull LocalDate dueDate) {
    }

    record PaymentRequest(@NotNull LocalDate paidOn) {
    }

    private final CommandDispatcher dispatcher;

    InvoiceCommandController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /**
     * 201 {@code {"id","version":0}}; an unknown deal is a 400 naming dealId, a number another invoice has a 409
     * {@code duplicate-invoice-number} naming the field and that invoice ({@code existingId}).
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> issue(@Valid @RequestBody IssueInvoiceRequest body,
                                                    ServerHttpRequest request) {
        String invoiceId = UUID.randomUUID().toString();
        IssueInvoice command = new IssueInvoice(invoiceId, body.dealId(), body.number(),
                new Money(body.amount().value(), body.amount().currency()), body.dueDate());
        return dispatcher.dispatch(request, body, command, Instant.now(),
                result -> new CommandResponse(201, Map.of("id", invoiceId, "version", 0)));
    }

    /** 409 {@code invoice-already-paid} for a second payment. */
    @PostMapping(path = "/{invoiceId}/payment", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> pay(@PathVariable @Size(max = 100) String invoiceId,
                                                  @Valid @RequestBody PaymentRequest body,
                                                  @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                  ServerHttpRequest request) {
        MarkInvoicePaid command = new MarkInvoicePaid(invoiceId, body.paidOn(), IfMatch.version(ifMatch));
        return dispatcher.dispatch(request, body, command, Instant.now(),
                result -> CommandResponse.updated(invoiceId, result));
    }
}
