package dev.eventcrm.command.nextstep;

import dev.eventcrm.command.CommandServiceApplication;
import dev.eventcrm.command.RuleViolation;
import dev.eventcrm.command.deal.AssignOwner;
import dev.eventcrm.command.deal.MoveDealStage;
import dev.eventcrm.command.deal.OpenDeal;
import dev.eventcrm.command.deal.ReopenDeal;
import dev.eventcrm.command.dispatch.CommandDispatcher;
import dev.eventcrm.command.task.CancelTask;
import dev.eventcrm.command.task.CompleteTask;
import dev.eventcrm.command.task.CreateTask;
import dev.eventcrm.command.task.ReassignTask;
import dev.eventcrm.events.Money;
import dev.eventcrm.events.deal.DealStages;
import dev.eventcrm.events.task.TaskType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Every open deal always has exactly one open next-step task", under random sequences of deal and task commands
 * (open, move, win, lose, reopen, change owner, hand over, create next steps and ordinary tasks, complete, cancel,
 * reassign) sent to the real command service (H2, automation, transactions); refusals are part of the game. After
 * EACH command the stored events are folded: every open deal has exactly one open next-step task, a won or lost one
 * none, and {@code deal_next_step} agrees with the events. jqwik drives the sequences and shrinks a failing one; the
 * Spring context starts once for the container (jqwik does not run Spring's JUnit extension).
 */
class NextStepPropertyTest {

    private static ConfigurableApplicationContext context;
    private static CommandDispatcher dispatcher;
    private static JdbcTemplate jdbc;
    private static JsonMapper json;
    private static String contactId;

    enum Kind { OPEN, MOVE, WIN, LOSE, REOPEN, ASSIGN_OWNER, HAND_OVER, NEXT_STEP, ORDINARY_TASK, COMPLETE, CANCEL,
        REASSIGN_TASK }

    /** {@code deal}, {@code task}, {@code owner}, {@code stage}: indexes, taken modulo what exists when it runs. */
    record Action(Kind kind, int deal, int task, int owner, int stage) {
    }

    private static final List<String> OWNERS = List.of("m1", "m2", "m3");
    private static final List<String> OPEN_STAGES = List.of("NEW", "QUALIFIED", "PROPOSAL", "NEGOTIATION");

    @BeforeContainer
    static void start() throws Exception {
        context = new SpringApplicationBuilder(CommandServiceApplication.class).properties(
                "crm.eventstore.url=jdbc:h2:mem:next-step-property;DB_CLOSE_DELAY=-1",
                "crm.publication.enabled=false",
                "axon.axonserver.enabled=false",
                "server.port=0").run();
        dispatcher = context.getBean(CommandDispatcher.class);
        jdbc = context.getBean(JdbcTemplate.class);
        json = context.getBean(JsonMapper.class);
        String port = context.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/contacts?allowDuplicate=true"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Client\",\"ownerId\":\"m1\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        contactId = json.readTree(created.body()).path("id").asString();
    }

    @AfterContainer
    static void stop() {
        context.close();
    }

    @Property(tries = 40)
    void everyOpenDealHasExactlyOneOpenNextStepAfterEachCommand(@ForAll("sequences") List<Action> actions)
            throws Exception {
        List<String> deals = new ArrayList<>();
        for (Action action : actions) {
            Object command = command(action, deals);
            if (command == null) {
                continue;
            }
            try {
                dispatcher.sendAndWait(command, new CommandDispatcher.CommandOrigin("tester", "API", null),
                        Instant.now());
            } catch (RuleViolation refused) {
                // a refused command (the last next step, a closed deal, an unchanged owner...) changes nothing
            }
            assertInvariant(deals, action);
        }
    }

    @Provide
    Arbitrary<List<Action>> sequences() {
        Arbitrary<Kind> kinds = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(Kind.OPEN)),
                Tuple.of(2, Arbitraries.just(Kind.MOVE)),
                Tuple.of(1, Arbitraries.just(Kind.WIN)),
                Tuple.of(1, Arbitraries.just(Kind.LOSE)),
                Tuple.of(2, Arbitraries.just(Kind.REOPEN)),
                Tuple.of(2, Arbitraries.just(Kind.ASSIGN_OWNER)),
                Tuple.of(1, Arbitraries.just(Kind.HAND_OVER)),
                Tuple.of(3, Arbitraries.just(Kind.NEXT_STEP)),
                Tuple.of(1, Arbitraries.just(Kind.ORDINARY_TASK)),
                Tuple.of(3, Arbitraries.just(Kind.COMPLETE)),
                Tuple.of(3, Arbitraries.just(Kind.CANCEL)),
                Tuple.of(2, Arbitraries.just(Kind.REASSIGN_TASK)));
        Arbitrary<Integer> index = Arbitraries.integers().between(0, 7);
        return Combinators.combine(kinds, index, index, index, index).as(Action::new).list().ofMinSize(1)
                .ofMaxSize(30);
    }

    /** The command the action stands for now; null when it has nothing to act on yet. */
    private static Object command(Action action, List<String> deals) {
        String owner = OWNERS.get(action.owner() % OWNERS.size());
        if (action.kind() == Kind.OPEN || deals.isEmpty()) {
            String dealId = "deal-" + UUID.randomUUID();
            deals.add(dealId);
            return new OpenDeal(dealId, contactId, "Deal", new Money(new BigDecimal("100.00"), "EUR"), owner, "web",
                    DealStages.PIPELINE, null);
        }
        String dealId = deals.get(action.deal() % deals.size());
        List<String> tasks = tasksOf(deals);
        Optional<String> task = tasks.isEmpty() ? Optional.empty()
                : Optional.of(tasks.get(action.task() % tasks.size()));
        return switch (action.kind()) {
            case OPEN -> throw new IllegalStateException("handled above");
            case MOVE -> new MoveDealStage(dealId, OPEN_STAGES.get(action.stage() % OPEN_STAGES.size()), null);
            case WIN -> new MoveDealStage(dealId, "WON", null);
            case LOSE -> new MoveDealStage(dealId, "LOST", "price", "too dear", null);
            case REOPEN -> new ReopenDeal(dealId, null, null);
            case ASSIGN_OWNER -> new AssignOwner(dealId, owner, null);
            // what a portfolio transfer sends: the deal changes hands only if still the expected owner's
            case HAND_OVER -> new AssignOwner(dealId, owner, OWNERS.get((action.owner() + 1) % OWNERS.size()), null);
            case NEXT_STEP -> new CreateTask("task-" + UUID.randomUUID(), TaskType.CALL, Instant.now(), owner, null,
                    dealId, "next", true);
            case ORDINARY_TASK -> new CreateTask("task-" + UUID.randomUUID(), TaskType.EMAIL, Instant.now(), owner,
                    null, dealId, "other");
            case COMPLETE -> task.map(id -> new CompleteTask(id, "done", null)).orElse(null);
            case CANCEL -> task.map(id -> new CancelTask(id, "not needed", null)).orElse(null);
            case REASSIGN_TASK -> task.map(id -> new ReassignTask(id, owner, null)).orElse(null);
        };
    }

    private record TaskState(String dealId, boolean nextStep, boolean open) {
    }

    private static void assertInvariant(List<String> deals, Action after) {
        Map<String, TaskState> tasks = new HashMap<>();
        for (String taskId : tasksOf(deals)) {
            TaskState state = null;
            for (Map.Entry<String, JsonNode> event : events(taskId)) {
                if (event.getKey().endsWith(".TaskCreated")) {
                    state = new TaskState(event.getValue().path("dealId").asString(),
                            event.getValue().path("nextStep").asBoolean(), true);
                } else if (event.getKey().endsWith(".TaskCompleted") || event.getKey().endsWith(".TaskCancelled")) {
                    state = new TaskState(state.dealId(), state.nextStep(), false);
                }
            }
            tasks.put(taskId, state);
        }
        for (String dealId : deals) {
            boolean open = false;
            for (Map.Entry<String, JsonNode> event : events(dealId)) {
                String type = event.getKey();
                if (type.endsWith(".DealOpened") || type.endsWith(".DealReopened")) {
                    open = true;
                } else if (type.endsWith(".DealStageMoved")) {
                    open = !DealStages.CLOSED.contains(event.getValue().path("to").asString());
                }
            }
            List<String> openNextSteps = tasks.entrySet().stream()
                    .filter(task -> task.getValue().open() && task.getValue().nextStep()
                            && task.getValue().dealId().equals(dealId))
                    .map(Map.Entry::getKey).sorted().collect(Collectors.toList());
            assertThat(openNextSteps).as("open next steps of %s deal %s after %s", open ? "open" : "closed", dealId,
                    after).hasSize(open ? 1 : 0);
            Map<String, Object> row = jdbc.queryForMap("SELECT deal_open, task_id FROM deal_next_step WHERE deal_id = ?",
                    dealId);
            assertThat(row.get("DEAL_OPEN")).as("deal_next_step.deal_open of %s after %s", dealId, after)
                    .isEqualTo(open);
            assertThat(row.get("TASK_ID")).as("deal_next_step.task_id of %s after %s", dealId, after)
                    .isEqualTo(open ? openNextSteps.get(0) : null);
        }
    }

    private static List<String> tasksOf(List<String> deals) {
        if (deals.isEmpty()) {
            return List.of();
        }
        return jdbc.query("SELECT aggregateIdentifier, payload FROM DomainEventEntry WHERE payloadType = "
                                + "'dev.eventcrm.events.task.TaskCreated' ORDER BY globalIndex",
                        (row, i) -> Map.entry(row.getString(1),
                                json.readTree(new String(row.getBytes(2), StandardCharsets.UTF_8))
                                        .path("dealId").asString()))
                .stream().filter(task -> deals.contains(task.getValue())).map(Map.Entry::getKey).toList();
    }

    private static List<Map.Entry<String, JsonNode>> events(String aggregateId) {
        return jdbc.query("SELECT payloadType, payload FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                        + "ORDER BY sequenceNumber", (row, i) -> Map.entry(row.getString(1),
                        json.readTree(new String(row.getBytes(2), StandardCharsets.UTF_8))), aggregateId);
    }
}
