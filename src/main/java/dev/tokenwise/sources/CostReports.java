package dev.tokenwise.sources;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What the two billing sources share: paging through a cost report, reading a page and an amount. */
final class CostReports {

    /** The most pages one day may take: far beyond a day's buckets; a loop of next_page tokens ends here. */
    static final int MAX_PAGES = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private CostReports() {
    }

    /** How one vendor's report says a bucket's day, and each result's account and amount in USD. */
    interface Reading {
        LocalDate day(JsonNode bucket);

        String account(JsonNode result);

        BigDecimal usd(JsonNode result);
    }

    /** The API's base URL and a path (with its query) below it. */
    static String url(String apiUrl, String pathAndQuery) {
        return (apiUrl.endsWith("/") ? apiUrl : apiUrl + "/") + pathAndQuery;
    }

    /**
     * Every page of the report that starts at {@code firstPage} (the next ones add {@code &page=}), summed per UTC day
     * and account.
     */
    static Map<LocalDate, Map<String, Double>> fetch(SourceHttp http, String firstPage, Map<String, String> headers,
            String what, Reading reading) {
        Map<LocalDate, Map<String, Double>> days = new TreeMap<>();
        String page = null;
        for (int i = 0; i < MAX_PAGES; i++) {
            URI uri = URI.create(firstPage + (page == null ? ""
                    : "&page=" + URLEncoder.encode(page, StandardCharsets.UTF_8)));
            JsonNode n = page(http.get(uri, headers), what);
            for (JsonNode bucket : n.get("data")) {
                Map<String, Double> byAccount = days.computeIfAbsent(reading.day(bucket), d -> new TreeMap<>());
                for (JsonNode r : bucket.path("results")) {
                    byAccount.merge(reading.account(r), reading.usd(r).doubleValue(), Double::sum);
                }
            }
            page = next(n);
            if (page == null) {
                break;
            }
        }
        return days;
    }

    static JsonNode page(SourceHttp.Answer a, String what) {
        if (a.status() == 404) {
            throw new SourceFailure(what + " answered HTTP 404; check the API URL");
        }
        try {
            JsonNode n = JSON.readTree(a.body() == null ? "" : a.body());
            if (!n.path("data").isArray()) {
                throw new SourceFailure(what + " answered without a data array");
            }
            return n;
        } catch (IOException e) {
            throw new SourceFailure(what + " did not answer JSON");
        }
    }

    /** A number that may come as a JSON number or as a decimal string. */
    static BigDecimal decimal(JsonNode n, String what) {
        try {
            return n.isNumber() ? n.decimalValue() : new BigDecimal(n.asText());
        } catch (NumberFormatException e) {
            throw new SourceFailure(what + " holds an amount that is not a number");
        }
    }

    /** The next page's token, or null on the last page. */
    static String next(JsonNode page) {
        return page.path("has_more").asBoolean(false) && page.hasNonNull("next_page")
                ? page.get("next_page").asText()
                : null;
    }

    /** The UTC day a bucket starting at an RFC 3339 time belongs to. */
    static LocalDate day(String startingAt, String what) {
        try {
            return OffsetDateTime.parse(startingAt).atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
        } catch (DateTimeParseException e) {
            throw new SourceFailure(what + " holds a bucket whose starting_at is not a time");
        }
    }

    /**
     * Stores the days in order, each replacing what was stored for it, and tells {@code progress}; stops at the
     * first day the answer holds no bucket for (not published yet). Days outside [from, to] are ignored.
     */
    static void store(String source, LocalDate from, LocalDate to, Map<LocalDate, Map<String, Double>> days,
            BilledStore store, dev.tokenwise.sources.PulledSource.Progress progress) {
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            Map<String, Double> byAccount = days.get(day);
            if (byAccount == null) {
                return;
            }
            store.replaceDay(source, day, byAccount);
            progress.stored(day);
        }
    }
}
