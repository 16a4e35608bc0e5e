package dev.tokenwise.sources;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

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
        String what = "OpenAI's organisation costs";
        String firstPage = CostReports.url(config.apiUrl(), "v1/organization/costs?bucket_width=1d"
                + "&group_by%5B%5D=project_id&limit=" + PAGE_DAYS + "&start_time="
                + from.atStartOfDay(ZoneOffset.UTC).toEpochSecond() + "&end_time="
                + to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond());
        Map<String, String> headers = Map.of("Authorization", "Bearer " + config.adminKey().orElseThrow());
        CostReports.store(NAME, from, to, CostReports.fetch(http, firstPage, headers, what, new CostReports.Reading() {
            @Override
            public LocalDate day(JsonNode bucket) {
                long start = bucket.path("start_time").asLong(Long.MIN_VALUE);
                if (start == Long.MIN_VALUE) {
                    throw new SourceFailure(what + " hold a bucket without start_time");
                }
                return LocalDate.ofInstant(Instant.ofEpochSecond(start), ZoneOffset.UTC);
            }

            @Override
            public String account(JsonNode result) {
                return result.hasNonNull("project_id") ? result.get("project_id").asText() : "";
            }

            @Override
            public BigDecimal usd(JsonNode result) {
                return CostReports.decimal(result.path("amount").path("value"), what);
            }
        }), store, progress);
    }
}
