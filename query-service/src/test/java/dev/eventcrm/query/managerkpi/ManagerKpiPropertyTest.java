package dev.eventcrm.query.managerkpi;

import dev.eventcrm.events.Money;
import dev.eventcrm.events.activity.EmailLogged;
import dev.eventcrm.events.activity.MeetingLogged;
import dev.eventcrm.events.call.CallDirection;
import dev.eventcrm.events.call.CallLogged;
import dev.eventcrm.events.call.CallOutcome;
import dev.eventcrm.events.deal.DealAmountChanged;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealOwnerAssigned;
import dev.eventcrm.events.deal.DealReopened;
import dev.eventcrm.events.deal.DealStageMoved;
import dev.eventcrm.events.pipeline.StageKind;
import dev.eventcrm.events.task.TaskCancelled;
import dev.eventcrm.events.task.TaskCompleted;
import dev.eventcrm.events.task.TaskCreated;
import dev.eventcrm.events.task.TaskReassigned;
import dev.eventcrm.events.task.TaskRescheduled;
import dev.eventcrm.events.quota.QuotaMetric;
import dev.eventcrm.events.quota.QuotaPeriod;
import dev.eventcrm.events.quota.QuotaSet;
import dev.eventcrm.projections.event.ParsedEvent;
import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.query.FoldHarness;
import dev.eventcrm.query.ProjectedBuckets;
import dev.eventcrm.query.report.Granularity;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For random valid histories (calls logged late, meetings, e-mails, tasks reassigned and completed by automation,
 * deals handed over, won, reopened, lost and re-won, amounts changed), the report over the incrementally folded
 * documents, delivered as Kafka may deliver them (aggregates interleaved, events redelivered, some lost and healed
 * from the history), equals (a) the report over the documents rebuilt from the history in order and (b) a
 * brute-force report computed straight from the raw event list, for random zones, ranges, granularities and teams.
 */
class ManagerKpiPropertyTest {
    private static final Instant T0 = Instant.parse("2030-03-04T09:00:00Z");
    static final List<String> MANAGERS = List.of("m0", "m1", "m2", "m3");
    /** m3 is in no team. */
    static final Map<String, String> TEAMS = Map.of("m0", "t1", "m1", "t1", "m2", "t2");
    static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Asia/Vladivostok"),
            ZoneId.of("America/St_Johns"), ZoneId.of("Pacific/Chatham"));
    private static final List<Duration> GAPS = List.of(Duration.ZERO, Duration.ofMinutes(30), Duration.ofHours(7),
            Duration.ofDays(1), Duration.ofDays(3));
    private static final List<String> AMOUNTS = List.of("100.00", "250.50", "99.99", "1000", "0.005");

    @Property(tries = 300)
    void incrementalEqualsRebuiltEqualsBruteForce(@ForAll long seed) {
        Random random = new Random(seed);
        List<ParsedEvent> events = history(random);
        List<ParsedEvent> quotaEvents = quotas(random);
        List<QuotaPlan> quotas = KpiEvents.quotas(FoldHarness.delivery(quotaEvents, random),
                KpiEvents.history(quotaEvents));
        assertThat(quotas).as("seed %s", seed)
                .isEqualTo(KpiEvents.quotas(quotaEvents, KpiEvents.history(quotaEvents)));

        Granularity granularity = Granularity.values()[random.nextInt(Granularity.values().length)];
        ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
        LocalDate from = LocalDate.of(2030, 3, 1).plusDays(random.nextInt(10));
        LocalDate to = from.plusDays(1 + random.nextInt(40));
        String team = List.of("", "t1", "t2").get(random.nextInt(3));
        String teamId = team.isEmpty() ? null : team;
        Instant asOf = T0.plus(Duration.ofHours(random.nextInt(40 * 24)));
        Instant last = events.stream().map(ParsedEvent::occurredAt).max(Comparator.naturalOrder()).orElseThrow();
        Instant now = last.plus(Duration.ofMinutes(random.nextInt(2 * 24 * 60)));
        Window window = new Window(granularity, from, to, zone, teamId, asOf, now);

        MongoDatabase database = KpiEvents.projected(events, zone, random, seed);
        try {
            assertThat(report(database, quotas, window)).as("against brute force (seed %s)", seed)
                    .usingRecursiveComparison()
                    .withComparatorForType(Comparator.nullsFirst(BigDecimal::compareTo), BigDecimal.class)
                    .isEqualTo(bruteForce(events, quotaEvents, window));
        } finally {
            Mono.from(database.drop()).block(ProjectedBuckets.TIMEOUT);
        }
    }

    /** What a report asks for; {@code asOf} is the plans' date; {@code now} the clock's (for overdue tasks). */
    private record Window(Granularity granularity, LocalDate from, LocalDate to, ZoneId zone, String team,
                          Instant asOf, Instant now) {
    }

    /** As the controller does it: the range's rows, and plans over the months of the quarters it touches. */
    private static ManagerKpiView report(MongoDatabase database, List<QuotaPlan> quotas, Window w) {
        ManagerKpis months = new ManagerKpis(Granularity.MONTH, Plans.quarterStart(w.from()),
                Plans.quarterStart(w.to().minusDays(1)).plusMonths(3), w.zone());
        ManagerKpis kpis = KpiEvents.read(database, new ManagerKpis(w.granularity(), w.from(), w.to(), w.zone()),
                months);
        Map<String, Long> overdue = new ManagerKpiRepository(database)
                .openTasksDue(LocalDate.ofInstant(w.now(), w.zone())).block(ProjectedBuckets.TIMEOUT).overdueAt(w.now());
        return kpis.view(TEAMS, overdue, w.team(), new Plans(quotas, months, TEAMS, w.asOf(), w.zone()));
    }

    // ---- generation -------------------------------------------------------------------------------------------

    /** A random valid history of {@link #MANAGERS} (also what the leaderboard's property ranks). */
    static List<ParsedEvent> history(Random random) {
        List<ParsedEvent> events = new ArrayList<>();
        Map<String, Integer> sequences = new HashMap<>();
        Map<String, StageKind> deals = new LinkedHashMap<>();
        Map<String, String> tasks = new LinkedHashMap<>();
        Instant at = T0;
        int steps = 1 + random.nextInt(40);
        for (int step = 0; step < steps; step++) {
            at = at.plus(GAPS.get(random.nextInt(GAPS.size())));
            String actor = manager(random);
            int choice = step == 0 ? 4 : random.nextInt(8); // a deal first: some bucket to compare
            if (choice == 0) {
                String id = "k" + step;
                // logged up to two days late: it counts when it happened
                Instant happened = at.minus(Duration.ofHours(random.nextInt(48)));
                events.add(KpiEvents.event(ParsedEvent.CALL, id, 0, actor, at, new CallLogged(id, contact(random),
                        deal(deals, random),
                        random.nextBoolean() ? CallDirection.OUTBOUND : CallDirection.INBOUND,
                        CallOutcome.values()[random.nextInt(CallOutcome.values().length)], random.nextInt(600), null,
                        happened)));
            } else if (choice == 1) {
                events.add(random.nextBoolean()
                        ? KpiEvents.meeting("mt" + step, actor, contact(random), deal(deals, random), at)
                        : KpiEvents.email("em" + step, actor, contact(random), deal(deals, random), at));
            } else if (choice == 2) {
                String id = "t" + step;
                events.add(KpiEvents.taskDue(id, actor, at, due(at, random)));
                sequences.put(id, 0);
                tasks.put(id, "OPEN");
            } else if (choice == 3 && !tasks.isEmpty()) {
                String id = pick(tasks, random);
                if ("OPEN".equals(tasks.get(id))) {
                    long sequence = sequences.merge(id, 1, Integer::sum);
                    int change = random.nextInt(4);
                    if (change == 0) {
                        events.add(KpiEvents.taskReassigned(id, sequence, "?", actor, at));
                    } else if (change == 1) {
                        events.add(KpiEvents.taskRescheduled(id, sequence, null, due(at, random), at));
                    } else if (change == 2) {
                        events.add(KpiEvents.taskCancelled(id, sequence, at));
                        tasks.put(id, "DONE");
                    } else {
                        events.add(KpiEvents.taskCompleted(id, sequence, at));
                        tasks.put(id, "DONE");
                    }
                }
            } else if (choice == 4) {
                String id = "d" + step;
                events.add(KpiEvents.dealOpened(id, contact(random), actor, AMOUNTS.get(random.nextInt(AMOUNTS.size())),
                        random.nextInt(3) == 0 ? "USD" : "EUR", at));
                sequences.put(id, 0);
                deals.put(id, StageKind.OPEN);
            } else if (!deals.isEmpty()) {
                String id = pick(deals, random);
                long sequence = sequences.merge(id, 1, Integer::sum);
                StageKind kind = deals.get(id);
                int move = random.nextInt(4);
                if (move == 0) {
                    events.add(KpiEvents.handedOver(id, sequence, "?", actor, at));
                } else if (move == 1) {
                    events.add(KpiEvents.event(ParsedEvent.DEAL, id, sequence, actor, at, new DealAmountChanged(id,
                            null, new Money(new BigDecimal(AMOUNTS.get(random.nextInt(AMOUNTS.size()))),
                            random.nextBoolean() ? "USD" : "EUR"))));
                } else if (kind == StageKind.OPEN) {
                    StageKind to = StageKind.values()[random.nextInt(StageKind.values().length)];
                    // a move to an OPEN stage is a plain stage change
                    events.add(KpiEvents.event(ParsedEvent.DEAL, id, sequence, actor, at, new DealStageMoved(id,
                            "NEW", to.name(), "default", false, to, null, null)));
                    deals.put(id, to);
                } else if (random.nextBoolean()) {
                    events.add(KpiEvents.reopened(id, sequence, kind.name(), at));
                    deals.put(id, StageKind.OPEN);
                } else {
                    // a correction: straight from WON to LOST or back, no reopen in between
                    StageKind other = kind == StageKind.WON ? StageKind.LOST : StageKind.WON;
                    events.add(KpiEvents.closed(id, sequence, other, at));
                    deals.put(id, other);
                }
            }
        }
        return events;
    }

    /** Up to three quotas of managers or teams, each with up to three targets set around the history's time. */
    private static List<ParsedEvent> quotas(Random random) {
        List<ParsedEvent> events = new ArrayList<>();
        int quotas = random.nextInt(4);
        for (int q = 0; q < quotas; q++) {
            String id = "q" + q;
            boolean forTeam = random.nextBoolean();
            String managerId = forTeam ? null : manager(random);
            String teamId = forTeam ? List.of("t1", "t2").get(random.nextInt(2)) : null;
            QuotaPeriod period = QuotaPeriod.values()[random.nextInt(QuotaPeriod.values().length)];
            QuotaMetric metric = QuotaMetric.values()[random.nextInt(QuotaMetric.values().length)];
            int versions = 1 + random.nextInt(3);
            Instant at = T0.minus(Duration.ofDays(20)).plus(Duration.ofHours(random.nextInt(20 * 24)));
            for (int v = 0; v < versions; v++) {
                boolean revenue = metric == QuotaMetric.REVENUE_WON;
                BigDecimal target = revenue ? new BigDecimal(AMOUNTS.get(random.nextInt(AMOUNTS.size())))
                        : BigDecimal.valueOf(1 + random.nextInt(20));
                events.add(KpiEvents.event("Quota", id, v, "lead", at, new QuotaSet(id, managerId, teamId, period,
                        metric, target, revenue ? (random.nextBoolean() ? "EUR" : "USD") : null)));
                at = at.plus(Duration.ofHours(random.nextInt(15 * 24)));
            }
        }
        return events;
    }

    private static String manager(Random random) {
        return MANAGERS.get(random.nextInt(MANAGERS.size()));
    }

    /** Some minutes to a few days after {@code at}: around the reports' "now" at the history's end. */
    private static Instant due(Instant at, Random random) {
        return at.plus(Duration.ofMinutes(random.nextInt(4 * 24 * 60)));
    }

    /** One of a few contacts, so that activities and deals meet. */
    private static String contact(Random random) {
        return "c" + random.nextInt(3);
    }

    /** Often none, else one of the deals opened so far. */
    private static String deal(Map<String, ?> deals, Random random) {
        return deals.isEmpty() || random.nextBoolean() ? null : pick(deals, random);
    }

    private static String pick(Map<String, ?> ids, Random random) {
        return new ArrayList<>(ids.keySet()).get(random.nextInt(ids.size()));
    }

    // ---- brute force: straight from the raw event list ---------------------------------------------------------

    /**
     * One thing credited to a manager at an instant; a won deal carries its final amount, an opened deal the time to
     * its first response (null: none).
     */
    private record Credit(String kind, String manager, Instant at, CallLogged call, Money amount, Duration response) {
        Credit(String kind, String manager, Instant at, CallLogged call, Money amount) {
            this(kind, manager, at, call, amount, null);
        }
    }

    /** A call, meeting or e-mail: when, about which contact and deal. */
    private record Touch(Instant at, String contactId, String dealId) {
    }

    /** The counters of one row, plain. */
    private static final class Tally {
        long calls, outbound, connected, talk, meetings, emails, tasks, overdue, opened, won, lost, responses;
        Duration response = Duration.ZERO;
        final SortedMap<String, BigDecimal> revenue = new TreeMap<>();
        final SortedMap<String, Long> amounts = new TreeMap<>();

        void count(Credit credit) {
            switch (credit.kind()) {
                case "call" -> {
                    calls++;
                    outbound += credit.call().direction() == CallDirection.OUTBOUND ? 1 : 0;
                    connected += credit.call().outcome() == CallOutcome.CONNECTED ? 1 : 0;
                    talk += credit.call().durationSeconds();
                }
                case "meeting" -> meetings++;
                case "email" -> emails++;
                case "task" -> tasks++;
                case "opened" -> {
                    opened++;
                    if (credit.response() != null) {
                        responses++;
                        response = response.plus(credit.response());
                    }
                }
                case "lost" -> lost++;
                default -> {
                    won++;
                    if (credit.amount() != null) {
                        revenue.merge(credit.amount().currency(), credit.amount().value(), BigDecimal::add);
                        amounts.merge(credit.amount().currency(), 1L, Long::sum);
                    }
                }
            }
        }
    }

    private static ManagerKpiView bruteForce(List<ParsedEvent> events, List<ParsedEvent> quotaEvents, Window w) {
        Granularity granularity = w.granularity();
        LocalDate from = w.from();
        LocalDate to = w.to();
        ZoneId zone = w.zone();
        String team = w.team();
        List<Credit> credits = new ArrayList<>();
        Map<String, String> holder = new HashMap<>();
        Map<String, Money> amount = new HashMap<>();
        Map<String, Credit> outcome = new HashMap<>();
        List<Touch> touches = new ArrayList<>();
        Map<String, Credit> openings = new LinkedHashMap<>();
        Map<String, String> contacts = new HashMap<>();
        Map<String, Instant> openTasksDue = new HashMap<>();
        for (ParsedEvent e : events.stream().sorted(Comparator.comparing(ParsedEvent::aggregateId)
                .thenComparingLong(ParsedEvent::sequence)).toList()) {
            String id = e.aggregateId();
            String actor = e.metadata().get("actorId");
            if (e.payload() instanceof CallLogged call) {
                credits.add(new Credit("call", actor, call.occurredAt(), call, null));
                touches.add(new Touch(call.occurredAt(), call.contactId(), call.dealId()));
            } else if (e.payload() instanceof MeetingLogged meeting) {
                credits.add(new Credit("meeting", actor, meeting.occurredAt(), null, null));
                touches.add(new Touch(meeting.occurredAt(), meeting.contactId(), meeting.dealId()));
            } else if (e.payload() instanceof EmailLogged email) {
                credits.add(new Credit("email", actor, email.occurredAt(), null, null));
                touches.add(new Touch(email.occurredAt(), email.contactId(), email.dealId()));
            } else if (e.payload() instanceof TaskCreated created) {
                holder.put(id, created.assigneeId());
                openTasksDue.put(id, created.dueAt());
            } else if (e.payload() instanceof TaskReassigned reassigned) {
                holder.put(id, reassigned.assigneeId());
            } else if (e.payload() instanceof TaskRescheduled rescheduled) {
                openTasksDue.put(id, rescheduled.dueAt());
            } else if (e.payload() instanceof TaskCancelled) {
                openTasksDue.remove(id);
            } else if (e.payload() instanceof TaskCompleted) {
                credits.add(new Credit("task", holder.get(id), e.occurredAt(), null, null));
                openTasksDue.remove(id);
            } else if (e.payload() instanceof DealOpened opened) {
                holder.put(id, opened.ownerId());
                amount.put(id, opened.amount());
                openings.put(id, new Credit("opened", opened.ownerId(), e.occurredAt(), null, null));
                contacts.put(id, opened.contactId());
            } else if (e.payload() instanceof DealOwnerAssigned assigned) {
                holder.put(id, assigned.newOwnerId());
            } else if (e.payload() instanceof DealAmountChanged changed) {
                amount.put(id, changed.amount());
            } else if (e.payload() instanceof DealStageMoved moved) {
                outcome.remove(id);
                if (moved.kind() != StageKind.OPEN) {
                    outcome.put(id, new Credit(moved.kind() == StageKind.WON ? "won" : "lost", holder.get(id),
                            e.occurredAt(), null, null));
                }
            } else if (e.payload() instanceof DealReopened) {
                outcome.remove(id);
            }
        }
        // a deal's first response: the earliest touch of it or its contact at or after its opening, by anyone
        openings.forEach((id, opened) -> credits.add(new Credit("opened", opened.manager(), opened.at(), null, null,
                touches.stream().filter(t -> id.equals(t.dealId()) || contacts.get(id).equals(t.contactId()))
                        .map(Touch::at).filter(at -> !at.isBefore(opened.at())).min(Comparator.naturalOrder())
                        .map(first -> Duration.between(opened.at(), first)).orElse(null))));
        outcome.forEach((id, credit) -> credits.add(new Credit(credit.kind(), credit.manager(), credit.at(), null,
                amount.get(id))));

        DateTimeFormatter day = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(zone);
        SortedMap<String, SortedMap<String, Tally>> managers = new TreeMap<>();
        SortedMap<String, SortedMap<String, Tally>> teams = new TreeMap<>();
        for (Credit credit : credits) {
            LocalDate date = LocalDate.parse(day.format(credit.at()));
            if (date.isBefore(from) || !date.isBefore(to)) {
                continue;
            }
            String teamOf = TEAMS.get(credit.manager());
            if (team != null && !team.equals(teamOf)) {
                continue;
            }
            String period = switch (granularity) {
                case DAY -> date.toString();
                case WEEK -> date.minusDays(date.getDayOfWeek().getValue() - 1).toString();
                case MONTH -> date.toString().substring(0, 8) + "01";
            };
            managers.computeIfAbsent(credit.manager(), m -> new TreeMap<>())
                    .computeIfAbsent(period, p -> new Tally()).count(credit);
            if (teamOf != null) {
                teams.computeIfAbsent(teamOf, t -> new TreeMap<>()).computeIfAbsent(period, p -> new Tally())
                        .count(credit);
            }
        }
        // open tasks due before now, per assignee
        Map<String, Long> overdue = new HashMap<>();
        openTasksDue.forEach((id, due) -> {
            if (due.isBefore(w.now())) {
                overdue.merge(holder.get(id), 1L, Long::sum);
            }
        });
        // the overdue tasks of a team's period: of its managers with a row in it
        managers.forEach((manager, periods) -> periods.keySet().forEach(period -> {
            if (TEAMS.containsKey(manager)) {
                teams.get(TEAMS.get(manager)).get(period).overdue += overdue.getOrDefault(manager, 0L);
            }
        }));
        List<ManagerKpiView.ManagerRow> rows = new ArrayList<>();
        managers.forEach((manager, periods) -> periods.forEach((period, t) -> rows.add(new ManagerKpiView.ManagerRow(
                manager, TEAMS.get(manager), period, calls(t), t.talk, t.meetings, t.emails, t.tasks,
                overdue.getOrDefault(manager, 0L), t.opened, t.won, t.lost, revenue(t), ratio(t.won, t.won + t.lost),
                average(t), minutes(t), plans(credits, quotaEvents, w, manager, null, period)))));
        List<ManagerKpiView.TeamRow> teamRows = new ArrayList<>();
        teams.forEach((teamId, periods) -> periods.forEach((period, t) -> teamRows.add(new ManagerKpiView.TeamRow(
                teamId, period, calls(t), t.talk, t.meetings, t.emails, t.tasks, t.overdue, t.opened, t.won, t.lost,
                revenue(t), ratio(t.won, t.won + t.lost), average(t), minutes(t),
                plans(credits, quotaEvents, w, null, teamId, period)))));
        return new ManagerKpiView(from.toString(), to.toString(), granularity.name().toLowerCase(Locale.ROOT),
                zone.getId(), rows, teamRows);
    }

    /**
     * The plans of a manager's or a team's row: each of its quotas for the month or quarter {@code period} starts
     * in, with the last target set before that month's or quarter's end (or {@code asOf}), counted from the credits.
     */
    private static List<ManagerKpiView.Plan> plans(List<Credit> credits, List<ParsedEvent> quotaEvents, Window w,
                                                   String manager, String team, String period) {
        Map<String, List<QuotaSet>> quotas = new TreeMap<>();
        Map<String, List<Instant>> times = new HashMap<>();
        for (ParsedEvent e : quotaEvents) {
            QuotaSet set = (QuotaSet) e.payload();
            if ((manager != null && manager.equals(set.managerId())) || (team != null && team.equals(set.teamId()))) {
                quotas.computeIfAbsent(set.metric().name() + "|" + set.quotaId(), k -> new ArrayList<>()).add(set);
                times.computeIfAbsent(set.metric().name() + "|" + set.quotaId(), k -> new ArrayList<>())
                        .add(e.occurredAt());
            }
        }
        DateTimeFormatter day = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(w.zone());
        LocalDate start = LocalDate.parse(period);
        List<ManagerKpiView.Plan> plans = new ArrayList<>();
        quotas.forEach((key, sets) -> {
            boolean quarter = sets.get(0).period() == QuotaPeriod.QUARTER;
            LocalDate first = LocalDate.of(start.getYear(),
                    quarter ? (start.getMonthValue() - 1) / 3 * 3 + 1 : start.getMonthValue(), 1);
            LocalDate end = first.plusMonths(quarter ? 3 : 1);
            Instant cut = end.atStartOfDay(w.zone()).toInstant();
            if (w.asOf().isBefore(cut)) {
                cut = w.asOf();
            }
            QuotaSet plan = null;
            for (int i = 0; i < sets.size(); i++) {
                if (times.get(key).get(i).isBefore(cut)) {
                    plan = sets.get(i);
                }
            }
            if (plan == null) {
                return;
            }
            BigDecimal actual = BigDecimal.ZERO;
            for (Credit credit : credits) {
                LocalDate date = LocalDate.parse(day.format(credit.at()));
                boolean whose = manager != null ? manager.equals(credit.manager())
                        : team.equals(TEAMS.get(credit.manager()));
                if (!whose || date.isBefore(first) || !date.isBefore(end)) {
                    continue;
                }
                actual = actual.add(switch (plan.metric()) {
                    case CALLS -> "call".equals(credit.kind()) ? BigDecimal.ONE : BigDecimal.ZERO;
                    case MEETINGS -> "meeting".equals(credit.kind()) ? BigDecimal.ONE : BigDecimal.ZERO;
                    case DEALS_WON -> "won".equals(credit.kind()) ? BigDecimal.ONE : BigDecimal.ZERO;
                    case REVENUE_WON -> "won".equals(credit.kind()) && credit.amount() != null
                            && credit.amount().currency().equals(plan.currency()) ? credit.amount().value()
                            : BigDecimal.ZERO;
                });
            }
            plans.add(new ManagerKpiView.Plan(plan.metric().name().toLowerCase(Locale.ROOT),
                    plan.target().toPlainString(), actual.toPlainString(),
                    actual.divide(plan.target(), 4, RoundingMode.HALF_UP)));
        });
        return plans;
    }

    private static ManagerKpiView.Calls calls(Tally t) {
        return new ManagerKpiView.Calls(t.calls, t.outbound, t.connected, ratio(t.connected, t.calls));
    }

    private static SortedMap<String, String> revenue(Tally t) {
        SortedMap<String, String> view = new TreeMap<>();
        t.revenue.forEach((currency, sum) -> view.put(currency, sum.toPlainString()));
        return view;
    }

    private static SortedMap<String, String> average(Tally t) {
        SortedMap<String, String> view = new TreeMap<>();
        t.revenue.forEach((currency, sum) -> view.put(currency, sum.divide(BigDecimal.valueOf(t.amounts.get(currency)),
                sum.scale(), RoundingMode.HALF_UP).toPlainString()));
        return view;
    }

    private static BigDecimal minutes(Tally t) {
        return t.responses == 0 ? null : new BigDecimal(t.response.toMillis())
                .divide(new BigDecimal(t.responses * Duration.ofMinutes(1).toMillis()), 2, RoundingMode.HALF_UP);
    }

    private static BigDecimal ratio(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
