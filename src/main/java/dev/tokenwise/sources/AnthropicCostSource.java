package dev.tokenwise.sources;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Anthropic's billed cost (docs/contract.md §5.7): the Admin API's cost report
 * ({@code GET /v1/organizations/cost_report}, {@code bucket_width=1d}, {@code group_by[]=workspace_id}), one UTC
 * day per run step, every page. Amounts come in cents as decimal strings; the default workspace has no id and is
 * stored as {@code default}.
 */
@ApplicationScoped
public class AnthropicCostSource implements PulledSource {

    public static final String NAME = "anthropic";
    /** The account of the organisation's default workspace (the report names it with a null id). */
    public static final String DEFAULT_WORKSPACE = "default";
    private static final BigDecimal CENTS = new BigDecimal(100);

    /** Days per page asked for (the API's own most is 31); a backfill of 28 days takes 4 pages. */
    static final int PAGE_DAYS = 7;

    private final SourcesConfig.Anthropic config;
    private final SourceHttp http;
    private final BilledStore store;

    public AnthropicCostSource(SourcesConfig config, SourceHttp http, BilledStore store) {
        this.config = config.anthropic();
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
        return "TOKENWISE_ANTHROPIC_ADMIN_KEY";
    }

    @Override
    public void sync(LocalDate from, LocalDate to, Progress progress) {
        String what = "Anthropic's cost report";
        String firstPage = CostReports.url(config.apiUrl(), "v1/organizations/cost_report?bucket_width=1d"
                + "&group_by%5B%5D=workspace_id&limit=" + PAGE_DAYS + "&starting_at="
                + from.atStartOfDay(ZoneOffset.UTC).toInstant() + "&ending_at="
                + to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        Map<String, String> headers = Map.of("x-api-key", config.adminKey().orElseThrow(), "anthropic-version",
                "2023-06-01");
        CostReports.store(NAME, from, to, CostReports.fetch(http, firstPage, headers, what, new CostReports.Reading() {
            @Override
            public LocalDate day(JsonNode bucket) {
                return CostReports.day(bucket.path("starting_at").asText(""), what);
            }

            @Override
            public String account(JsonNode result) {
                return result.hasNonNull("workspace_id") ? result.get("workspace_id").asText() : DEFAULT_WORKSPACE;
            }

            @Override
            public BigDecimal usd(JsonNode result) {
                return CostReports.decimal(result.path("amount"), what).divide(CENTS);
            }
        }), store, progress);
    }
}
