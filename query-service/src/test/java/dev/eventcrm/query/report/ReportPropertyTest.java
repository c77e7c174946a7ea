package dev.eventcrm.query.report;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.bson.Document;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reports' arithmetic over random {@code deal_facts} documents, in random zones and windows, equals a brute force
 * written separately: months and days cut by formatting, periods found by walking the calendar day by day, weighted
 * amounts by division. The reports here are their fact-by-fact references {@link FactForecast} and
 * {@link FactDynamics}, which the month and day buckets are held to in ForecastBucketsPropertyTest and
 * DynamicsBucketsPropertyTest. (That the documents themselves equal a brute force from the raw events
 * is the projections' DealFactsPropertyTest.)
 */
class ReportPropertyTest {
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Asia/Vladivostok"),
            ZoneId.of("America/Los_Angeles"), ZoneId.of("Pacific/Chatham"));
    private static final Map<String, Integer> PROBABILITIES = Map.of("LEAD", 10, "DEMO", 45, "WON", 100, "LOST", 0);
    private static final List<String> STAGES = List.of("LEAD", "DEMO", "GONE");
    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

    @Property(tries = 300)
    void forecastEqualsBruteForce(@ForAll long seed) {
        Random random = new Random(seed);
        ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
        Instant now = BASE.plusSeconds(random.nextInt(300) * 86_400L + random.nextInt(86_400));
        int months = 1 + random.nextInt(4);
        List<Document> deals = deals(random);

        YearMonth first = YearMonth.from(now.atZone(zone));
        FactForecast forecast = new FactForecast(first, first.plusMonths(months - 1L), zone, PROBABILITIES);
        // As the repository does: what a window shows at all (open deals up to its end, wins inside it).
        deals.stream().filter(deal -> "OPEN".equals(deal.getString("status"))
                || "WON".equals(deal.getString("status")) && !deal.getDate("wonAt").toInstant().isBefore(forecast.start())
                && deal.getDate("wonAt").toInstant().isBefore(forecast.end())).forEach(forecast::add);

        assertThat(flatten(forecast.view("p"))).as("seed %s", seed)
                .isEqualTo(bruteForecast(deals, zone, now, months));
    }

    @Property(tries = 300)
    void dynamicsEqualsBruteForce(@ForAll long seed) {
        Random random = new Random(seed);
        ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
        Granularity granularity = Granularity.values()[random.nextInt(3)];
        LocalDate from = LocalDate.of(2026, 1, 1).plusDays(random.nextInt(200));
        LocalDate to = from.plusDays(1 + random.nextInt(90));
        List<Document> deals = deals(random);

        FactDynamics dynamics = new FactDynamics(granularity, from, to, zone);
        deals.forEach(dynamics::add);

        assertThat(flatten(dynamics.view())).as("seed %s", seed)
                .isEqualTo(bruteDynamics(deals, zone, granularity, from, to));
    }

    // ---- the reports' views as flat maps ----------------------------------------------------------------------

    private static Map<String, String> flatten(ForecastView view) {
        Map<String, String> flat = new TreeMap<>();
        view.months().forEach(month -> month.owners().forEach(owner -> flatten(flat, month.month(), owner)));
        view.overdue().forEach(owner -> flatten(flat, "overdue", owner));
        view.undated().forEach(owner -> flatten(flat, "undated", owner));
        return flat;
    }

    private static void flatten(Map<String, String> flat, String bucket, ForecastView.Owner owner) {
        String key = bucket + " " + owner.ownerId();
        flat.put(key + " openDeals", String.valueOf(owner.openDeals()));
        flat.put(key + " wonDeals", String.valueOf(owner.wonDeals()));
        owner.totals().forEach(totals -> {
            flat.put(key + " " + totals.currency() + " open", number(totals.open()));
            flat.put(key + " " + totals.currency() + " weighted", number(totals.weighted()));
            flat.put(key + " " + totals.currency() + " won", number(totals.won()));
        });
    }

    private static Map<String, String> flatten(DynamicsView view) {
        Map<String, String> flat = new TreeMap<>();
        view.periods().forEach(period -> {
            flat.put(period.period() + " opened", String.valueOf(period.dealsOpened()));
            flat.put(period.period() + " won", String.valueOf(period.dealsWon()));
            flat.put(period.period() + " lost", String.valueOf(period.dealsLost()));
            flat.put(period.period() + " moves", String.valueOf(period.stageMoves()));
            period.revenueWon().forEach(revenue ->
                    flat.put(period.period() + " revenue " + revenue.currency(), number(revenue.amount())));
        });
        return flat;
    }

    /** The value, whatever its printed scale. */
    private static String number(String decimal) {
        return new BigDecimal(decimal).stripTrailingZeros().toPlainString();
    }

    // ---- brute force ------------------------------------------------------------------------------------------

    private static Map<String, String> bruteForecast(List<Document> deals, ZoneId zone, Instant now, int months) {
        String current = MONTH.format(now.atZone(zone));
        List<String> window = new ArrayList<>();
        for (int i = 0; i < months; i++) {
            window.add(MONTH.format(now.atZone(zone).withDayOfMonth(1).plusMonths(i)));
        }
        Map<String, String> flat = new TreeMap<>();
        Map<String, BigDecimal> sums = new TreeMap<>();
        for (Document deal : deals) {
            Document amount = deal.get("amount", Document.class);
            String status = deal.getString("status");
            String bucket;
            String owner;
            if (status.equals("OPEN")) {
                String date = deal.getString("expectedCloseDate");
                bucket = date == null ? "undated" : date.substring(0, 7).compareTo(current) < 0 ? "overdue"
                        : window.contains(date.substring(0, 7)) ? date.substring(0, 7) : null;
                owner = deal.getString("ownerId");
            } else if (status.equals("WON")) {
                String month = MONTH.format(deal.getDate("wonAt").toInstant().atZone(zone));
                bucket = window.contains(month) ? month : null;
                owner = deal.getString("wonBy");
            } else {
                continue;
            }
            if (bucket == null) {
                continue;
            }
            String key = bucket + " " + owner;
            String counter = key + (status.equals("OPEN") ? " openDeals" : " wonDeals");
            flat.merge(counter, "1", (a, b) -> String.valueOf(Integer.parseInt(a) + 1));
            flat.putIfAbsent(key + " openDeals", "0");
            flat.putIfAbsent(key + " wonDeals", "0");
            if (amount == null) {
                continue;
            }
            BigDecimal value = new BigDecimal(amount.getString("value"));
            String currency = amount.getString("currency");
            sums.merge(key + " " + currency + " open", BigDecimal.ZERO, BigDecimal::add);
            sums.merge(key + " " + currency + " weighted", BigDecimal.ZERO, BigDecimal::add);
            sums.merge(key + " " + currency + " won", BigDecimal.ZERO, BigDecimal::add);
            if (status.equals("OPEN")) {
                int probability = PROBABILITIES.getOrDefault(deal.getString("stage"), 0);
                sums.merge(key + " " + currency + " open", value, BigDecimal::add);
                sums.merge(key + " " + currency + " weighted",
                        value.multiply(BigDecimal.valueOf(probability)).divide(BigDecimal.valueOf(100)),
                        BigDecimal::add);
            } else {
                sums.merge(key + " " + currency + " won", value, BigDecimal::add);
            }
        }
        sums.forEach((key, sum) -> flat.put(key, sum.stripTrailingZeros().toPlainString()));
        return flat;
    }

    private static Map<String, String> bruteDynamics(List<Document> deals, ZoneId zone, Granularity granularity,
                                                     LocalDate from, LocalDate to) {
        Map<String, String> flat = new TreeMap<>();
        Map<String, BigDecimal> revenue = new TreeMap<>();
        Map<String, Long> counts = new TreeMap<>();
        for (LocalDate day = from; day.isBefore(to); day = day.plusDays(1)) {
            String period = periodOf(day, granularity).toString();
            for (String counter : List.of(" opened", " won", " lost", " moves")) {
                counts.putIfAbsent(period + counter, 0L);
            }
            for (Document deal : deals) {
                if (day.equals(localDay(deal, "openedAt", zone))) {
                    counts.merge(period + " opened", 1L, Long::sum);
                }
                if (day.equals(localDay(deal, "lostAt", zone))) {
                    counts.merge(period + " lost", 1L, Long::sum);
                }
                if (day.equals(localDay(deal, "wonAt", zone))) {
                    counts.merge(period + " won", 1L, Long::sum);
                    Document amount = deal.get("amount", Document.class);
                    if (amount != null) {
                        revenue.merge(period + " revenue " + amount.getString("currency"),
                                new BigDecimal(amount.getString("value")), BigDecimal::add);
                    }
                }
                for (Date move : deal.getList("moves", Date.class)) {
                    if (day.equals(move.toInstant().atZone(zone).toLocalDate())) {
                        counts.merge(period + " moves", 1L, Long::sum);
                    }
                }
            }
        }
        counts.forEach((key, count) -> flat.put(key, String.valueOf(count)));
        revenue.forEach((key, sum) -> flat.put(key, sum.stripTrailingZeros().toPlainString()));
        return flat;
    }

    /** Walks back to the period's first day. */
    private static LocalDate periodOf(LocalDate day, Granularity granularity) {
        LocalDate start = day;
        while (granularity == Granularity.WEEK && start.getDayOfWeek() != DayOfWeek.MONDAY
                || granularity == Granularity.MONTH && start.getDayOfMonth() != 1) {
            start = start.minusDays(1);
        }
        return start;
    }

    private static LocalDate localDay(Document deal, String field, ZoneId zone) {
        Date at = deal.getDate(field);
        return at == null ? null : at.toInstant().atZone(zone).toLocalDate();
    }

    // ---- generation -------------------------------------------------------------------------------------------

    /** Documents as the deal-facts fold writes them: a won deal has wonAt and wonBy, a lost one lostAt. */
    private static List<Document> deals(Random random) {
        List<Document> deals = new ArrayList<>();
        int count = random.nextInt(12);
        for (int i = 0; i < count; i++) {
            Instant opened = BASE.plusSeconds(random.nextInt(330 * 86_400));
            List<Date> moves = new ArrayList<>();
            Instant at = opened;
            for (int m = random.nextInt(4); m > 0; m--) {
                at = at.plusSeconds(random.nextInt(20 * 86_400));
                moves.add(Date.from(at));
            }
            String status = moves.isEmpty() ? "OPEN" : List.of("OPEN", "WON", "LOST").get(random.nextInt(3));
            String owner = "u" + random.nextInt(3);
            Document deal = new Document("_id", "d" + i).append("pipelineId", "p")
                    .append("stage", status.equals("OPEN") ? STAGES.get(random.nextInt(STAGES.size())) : status)
                    .append("status", status).append("ownerId", owner)
                    .append("amount", random.nextInt(6) == 0 ? null : new Document("value",
                            BigDecimal.valueOf(1 + random.nextInt(100_000), random.nextInt(3)).toPlainString())
                            .append("currency", random.nextBoolean() ? "EUR" : "USD"))
                    .append("expectedCloseDate", random.nextInt(4) == 0 ? null
                            : LocalDate.of(2026, 1, 1).plusDays(random.nextInt(400)).toString())
                    .append("openedAt", Date.from(opened)).append("moves", moves);
            if (status.equals("WON")) {
                deal.append("wonAt", moves.get(moves.size() - 1)).append("wonBy", "u" + random.nextInt(3));
            } else if (status.equals("LOST")) {
                deal.append("lostAt", moves.get(moves.size() - 1));
            }
            deals.add(deal);
        }
        return deals;
    }
}
