package dev.eventcrm.command.contact.imports;

import dev.eventcrm.api.ApiException;
import dev.eventcrm.command.dispatch.BlockingWork;
import dev.eventcrm.command.dispatch.CommandDispatcher;
import jakarta.validation.constraints.Size;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code POST /api/v1/imports/contacts}: a CSV file as the body ({@code text/csv}) or as the multipart part
 * {@code file}; streamed to a file, checked, then imported in the background (202 with the import's id).
 * {@code GET /api/v1/imports/{id}}: its progress and per-row report.
 */
@RestController
@RequestMapping(path = "/api/v1/imports", produces = MediaType.APPLICATION_JSON_VALUE)
class ContactImportController {

    private static final String CSV = "text/csv";
    /** A mapping names a few dozen columns at most. */
    private static final int MAPPING_MAX = 16 * 1024;

    private final ContactImports imports;
    private final CommandDispatcher dispatcher;
    private final JsonMapper json;
    private final long maxFileSize;

    ContactImportController(ContactImports imports, CommandDispatcher dispatcher, JsonMapper json,
                            ImportProperties properties) {
        this.imports = imports;
        this.dispatcher = dispatcher;
        this.json = json;
        this.maxFileSize = properties.maxFileSize().toBytes();
    }

    /**
     * @param mapping JSON {@code {"<header>":"<field>"}} for columns whose header is not recognised
     * @param ownerId the owner of rows that name none
     */
    @PostMapping(path = "/contacts", consumes = CSV)
    Mono<ResponseEntity<Map<String, Object>>> importBody(@RequestParam(required = false) String mapping,
                                                         @RequestParam(required = false) String ownerId,
                                                         ServerWebExchange exchange) {
        Map<String, String> columns = mapping(mapping);
        return save(exchange.getRequest().getBody())
                .flatMap(file -> start(file, null, columns, ownerId, exchange));
    }

    /** The same from a form: the CSV in part {@code file}, the mapping in part {@code mapping} or the query. */
    @PostMapping(path = "/contacts", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> importForm(@RequestParam(required = false) String mapping,
                                                         @RequestParam(required = false) String ownerId,
                                                         ServerWebExchange exchange) {
        return exchange.getMultipartData().flatMap(parts -> {
            if (!(parts.getFirst(ContactCsv.FILE) instanceof FilePart file)) {
                return Mono.error(ApiException.invalid(ContactCsv.FILE, "is required: the CSV as a multipart file "
                        + "part named file"));
            }
            return mappingPart(parts, mapping).flatMap(columns -> save(file.content())
                    .flatMap(saved -> start(saved, file.filename(), columns, ownerId, exchange)));
        });
    }

    @GetMapping("/{importId}")
    Mono<ImportStore.ImportStatus> status(@PathVariable @Size(max = 100) String importId) {
        return Mono.fromCallable(() -> imports.status(importId)
                        .orElseThrow(() -> ApiException.notFound("Unknown import " + importId)))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private Mono<ResponseEntity<Map<String, Object>>> start(Path file, String fileName, Map<String, String> mapping,
                                                            String ownerId, ServerWebExchange exchange) {
        CommandDispatcher.CommandOrigin origin = dispatcher.origin(exchange.getRequest(), ContactImports.CHANNEL);
        return BlockingWork.toCompletion(() -> imports.start(file, fileName, mapping, ownerId, origin))
                .map(importId -> ResponseEntity.status(HttpStatus.ACCEPTED)
                        .location(URI.create("/api/v1/imports/" + importId))
                        .body(Map.of("id", importId)));
    }

    /** Streams an upload to a file as it arrives, never holding it whole; over the size limit it is refused. */
    private Mono<Path> save(Flux<DataBuffer> content) {
        return Mono.fromCallable(imports::newUpload).subscribeOn(Schedulers.boundedElastic()).flatMap(file -> {
            AtomicLong size = new AtomicLong();
            Flux<DataBuffer> limited = content.handle((buffer, sink) -> {
                if (size.addAndGet(buffer.readableByteCount()) > maxFileSize) {
                    DataBufferUtils.release(buffer);
                    sink.error(tooLarge());
                } else {
                    sink.next(buffer);
                }
            });
            return DataBufferUtils.write(limited, file).thenReturn(file)
                    .onErrorResume(error -> Mono.fromCallable(() -> Files.deleteIfExists(file))
                            .subscribeOn(Schedulers.boundedElastic()).then(Mono.error(error)));
        });
    }

    private ApiException tooLarge() {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "content-too-large", null,
                "The file is larger than the " + maxFileSize + " bytes an import accepts",
                List.of(new ApiException.FieldError(ContactCsv.FILE, "is larger than " + maxFileSize + " bytes")));
    }

    private Mono<Map<String, String>> mappingPart(MultiValueMap<String, Part> parts, String query) {
        Part part = parts.getFirst(ColumnMapping.MAPPING);
        if (part == null) {
            return Mono.fromCallable(() -> mapping(query));
        }
        if (query != null) {
            return Mono.error(ApiException.invalid(ColumnMapping.MAPPING, "is given twice: as a part and in the query"));
        }
        if (part instanceof FormFieldPart field) {
            return Mono.fromCallable(() -> mapping(field.value()));
        }
        return DataBufferUtils.join(part.content(), MAPPING_MAX)
                .map(buffer -> {
                    try {
                        return buffer.toString(StandardCharsets.UTF_8);
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .defaultIfEmpty("")
                .onErrorMap(e -> !(e instanceof ApiException),
                        e -> ApiException.invalid(ColumnMapping.MAPPING, "is longer than " + MAPPING_MAX + " bytes"))
                .map(this::mapping);
    }

    /** {@code {"<header>":"<field>"}}; each field is checked against the file's header later. */
    private Map<String, String> mapping(String text) {
        if (text == null) {
            return Map.of();
        }
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JacksonException e) {
            throw ApiException.invalid(ColumnMapping.MAPPING, "is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiException.invalid(ColumnMapping.MAPPING, "must be a JSON object {\"<header>\":\"<field>\"}");
        }
        Map<String, String> mapping = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getValue().isString()) {
                throw ApiException.invalid(ColumnMapping.MAPPING + "." + entry.getKey(),
                        "must be a field name as a string");
            }
            mapping.put(entry.getKey(), entry.getValue().stringValue());
        }
        return mapping;
    }
}
