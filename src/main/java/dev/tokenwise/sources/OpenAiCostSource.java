package dev.tokenwise.sources;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * OpenAI's billed cost (docs/contract.md §5.7): the organisation costs ({@code GET /v1/organization/costs},
 * {@code bucket_width=1d}, {@code group_by[]=project_id}, Unix-second bounds), one UTC day per run step, every
 * page. Amounts are {@code amount.value} in dollars; cost that names no project is stored under ''.
 */
@ApplicationScoped
public class OpenAiCostSource implements PulledSource {

    public static final String NAME = "openai";

    /** Days per page asked for (the API's own most is 31); a backfill of 28 days takes 4 pages. */
    static final int PAGE_DAYS = 7;

    private final SourcesConfig.OpenAi config;
    private final SourceHttp http;
    private final BilledStore store;

    public OpenAiCostSource(SourcesConfig config, SourceHttp http, BilledStore store) {
        this.config = config.openai();
        this.http = http;
        this.store = store;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean enabled() {
        return config.adminKey().isPresent();
    }

    @Override
    public String needs() {
        return "TOKENWISE_OPENAI_ADMIN_KEY";
    }

    @Override
    public void sync(LocalDate from, LocalDate to, Progress progress) {
        String base = (config.apiUrl().endsWith("/") ? config.apiUrl() : config.apiUrl() + "/")
                + "v1/organization/costs?bucket_width=1d&group_by%5B%5D=project_id&limit=" + PAGE_DAYS
                + "&start_time=" + from.atStartOfDay(ZoneOffset.UTC).toEpochSecond()
                + "&end_time=" + to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        Map<LocalDate, Map<String, Double>> days = new TreeMap<>();
        String page = null;
        for (int i = 0; i < CostReports.MAX_PAGES; i++) {
            URI uri = URI.create(base + (page == null ? ""
                    : "&page=" + URLEncoder.encode(page,
                            StandardCharsets.UTF_8)));
            JsonNode n = CostReports.page(http.get(uri, Map.of("Authorization", "Bearer "
                    + config.adminKey().orElseThrow())), "OpenAI's organisation costs");
            for (JsonNode bucket : n.get("data")) {
                long start = bucket.path("start_time").asLong(Long.MIN_VALUE);
                if (start == Long.MIN_VALUE) {
                    throw new SourceFailure("OpenAI's organisation costs hold a bucket without start_time");
                }
                LocalDate day = LocalDate.ofInstant(java.time.Instant.ofEpochSecond(start), ZoneOffset.UTC);
                Map<String, Double> byProject = days.computeIfAbsent(day, d -> new TreeMap<>());
                for (JsonNode r : bucket.path("results")) {
                    String project = r.hasNonNull("project_id") ? r.get("project_id").asText() : "";
                    double usd = CostReports.decimal(r.path("amount").path("value"), "OpenAI's organisation costs")
                            .doubleValue();
                    byProject.merge(project, usd, Double::sum);
                }
            }
            page = CostReports.next(n);
            if (page == null) {
                break;
            }
        }
        CostReports.store(NAME, from, to, days, store, progress);
    }
}
