package dev.tokenwise.sources;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tokenwise.common.db.Db;
import dev.tokenwise.common.privacy.Pseudonymizer;
import dev.tokenwise.settings.SettingsService;
import dev.tokenwise.team.TeamAccountRepository;
import dev.tokenwise.team.TeamService;

/**
 * GitHub Copilot (docs/contract.md §5.7). A day is read from the usage-metrics reports: the per-user report
 * ({@code /orgs/{org}/copilot/metrics/reports/users-1-day}) and, when teams are mapped, the user-teams report
 * ({@code …/user-teams-1-day}); each answers with download links to NDJSON files, followed only to allowed hosts
 * ({@link ReportLinks}) and without the token unless they are on the API's own origin. Where the organisation has
 * no such report (404), the legacy metrics are read instead: {@code /orgs/{org}/copilot/metrics} for the
 * organisation's active users and {@code /orgs/{org}/team/{team}/copilot/metrics} per mapped GitHub team.
 */
@ApplicationScoped
public class CopilotSource implements PulledSource {

    private static final Logger LOG = Logger.getLogger(CopilotSource.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SourcesConfig.Github config;
    private final SourceHttp http;
    private final Pseudonymizer pseudonyms;
    private final TeamAccountRepository accounts;
    private final SettingsService settings;
    private final CopilotStore store;
    private final Db db;
    private final ReportLinks links;

    public CopilotSource(SourcesConfig config, SourceHttp http, Pseudonymizer pseudonyms,
            TeamAccountRepository accounts, SettingsService settings, CopilotStore store, Db db) {
        this.config = config.github();
        this.http = http;
        this.pseudonyms = pseudonyms;
        this.accounts = accounts;
        this.settings = settings;
        this.store = store;
        this.db = db;
        this.links = new ReportLinks(URI.create(withSlash(this.config.apiUrl())), this.config.reportHosts());
    }

    @Override
    public String name() {
        return "copilot";
    }

    @Override
    public boolean enabled() {
        return config.token().isPresent() && config.org().isPresent();
    }

    @Override
    public String needs() {
        return "TOKENWISE_GITHUB_TOKEN and TOKENWISE_GITHUB_ORG";
    }

    @Override
    public void sync(LocalDate from, LocalDate to, Progress progress) {
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            if (!syncDay(day)) {
                LOG.infof("Copilot: the report of %s is not published yet; the next run asks again", day);
                return;
            }
            progress.stored(day);
        }
    }

    /** One day (the reports are per day); false when it is not published yet. */
    boolean syncDay(LocalDate day) {
        Map<String, String> teamOfSlug = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        teamOfSlug.putAll(db.transaction(() -> accounts.teamsByAccount(TeamAccountRepository.Kind.GITHUB_TEAM)));
        SourceHttp.Answer users = http.get(api("copilot/metrics/reports/users-1-day?day=" + day), apiHeaders());
        // Note: an organisation without the usage-metrics reports (404) still has the legacy metrics.
        Optional<List<CopilotTeamDay>> teams = users.status() == 404 ? fromLegacy(day, teamOfSlug)
                : fromReports(day, users, teamOfSlug);
        if (teams.isEmpty()) {
            return false;
        }
        double seatUsdMonth = db.transaction(() -> settings.current()).copilotSeatUsdMonth().doubleValue();
        store.replaceDay(day, teams.get(), seatUsdMonth);
        return true;
    }

    /** The day from the usage-metrics reports, given the per-user report's answer; empty when not published yet. */
    private Optional<List<CopilotTeamDay>> fromReports(LocalDate day, SourceHttp.Answer users,
            Map<String, String> teamOfSlug) {
        String d = day.toString();
        CopilotAggregate fold = new CopilotAggregate();
        List<URI> userFiles = downloadLinks(users, d);
        if (userFiles.isEmpty()) {
            return Optional.empty();
        }
        if (!teamOfSlug.isEmpty()) {
            SourceHttp.Answer teams = http.get(api("copilot/metrics/reports/user-teams-1-day?day=" + d),
                    apiHeaders());
            List<URI> teamFiles = teams.status() == 404 ? List.of() : downloadLinks(teams, d);
            if (teamFiles.isEmpty()) {
                // Note: without the memberships every seat would land in "unassigned" for good; wait for them.
                return Optional.empty();
            }
            for (URI f : teamFiles) {
                rows(download(f), row -> {
                    if (row.hasNonNull("day") && !d.equals(row.get("day").asText())) {
                        return;
                    }
                    fold.addMembership(user(row), teamOfSlug.get(row.path("slug").asText("")));
                });
            }
        }
        for (URI f : userFiles) {
            rows(download(f), row -> fold.addUserRow(row, d, user(row)));
        }
        return Optional.of(fold.teams());
    }

    /** The day from the legacy metrics; empty when the organisation's answer does not hold the day yet. */
    private Optional<List<CopilotTeamDay>> fromLegacy(LocalDate day, Map<String, String> teamOfSlug) {
        String range = "?since=" + day + "&until=" + day;
        SourceHttp.Answer org = http.get(api("copilot/metrics" + range), apiHeaders());
        if (org.status() == 404) {
            throw new SourceFailure("GitHub has no Copilot metrics for the organisation (HTTP 404 from both the "
                    + "usage-metrics reports and the legacy metrics); check TOKENWISE_GITHUB_ORG and the "
                    + "organisation's Copilot metrics policy");
        }
        Optional<JsonNode> orgDay = legacyDay(org, day);
        if (orgDay.isEmpty()) {
            return Optional.empty();
        }
        Map<String, long[]> sums = new TreeMap<>();
        for (Map.Entry<String, String> e : teamOfSlug.entrySet()) {
            SourceHttp.Answer a = http.get(api("team/" + URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "/copilot/metrics" + range), apiHeaders());
            // A team with fewer than 5 Copilot users has no metrics (404 or no row): nothing to add.
            Optional<JsonNode> t = a.status() == 404 ? Optional.empty() : legacyDay(a, day);
            t.ifPresent(n -> add(sums.computeIfAbsent(e.getValue(), k -> new long[6]), n));
        }
        List<CopilotTeamDay> out = new ArrayList<>();
        long mapped = 0;
        for (Map.Entry<String, long[]> e : sums.entrySet()) {
            long[] s = e.getValue();
            mapped += s[0];
            CopilotTeamDay t = new CopilotTeamDay(e.getKey(), s[0], (int) s[0], (int) s[1], s[2], s[3], s[4], s[5]);
            out.add(s[0] >= CopilotTeamDay.MIN_USERS ? t : t.withoutActivity());
        }
        // The organisation's other active users hold seats too; the legacy answers give no activity for them alone.
        long rest = orgDay.get().path("total_active_users").asLong(0) - mapped;
        if (rest > 0) {
            out.add(new CopilotTeamDay(TeamService.UNASSIGNED, rest, null, null, null, null, null, null));
        }
        return Optional.of(out);
    }

    /** Adds a legacy day: active, engaged, suggestions, acceptances, lines accepted, chats (IDE and github.com). */
    private static void add(long[] s, JsonNode day) {
        s[0] += day.path("total_active_users").asLong(0);
        s[1] += day.path("total_engaged_users").asLong(0);
        for (JsonNode editor : day.path("copilot_ide_code_completions").path("editors")) {
            for (JsonNode model : editor.path("models")) {
                for (JsonNode lang : model.path("languages")) {
                    s[2] += lang.path("total_code_suggestions").asLong(0);
                    s[3] += lang.path("total_code_acceptances").asLong(0);
                    s[4] += lang.path("total_code_lines_accepted").asLong(0);
                }
            }
        }
        for (JsonNode editor : day.path("copilot_ide_chat").path("editors")) {
            for (JsonNode model : editor.path("models")) {
                s[5] += model.path("total_chats").asLong(0);
            }
        }
        for (JsonNode model : day.path("copilot_dotcom_chat").path("models")) {
            s[5] += model.path("total_chats").asLong(0);
        }
    }

    private static Optional<JsonNode> legacyDay(SourceHttp.Answer a, LocalDate day) {
        JsonNode days = parse(a.body(), "the legacy Copilot metrics");
        for (JsonNode n : days) {
            if (day.toString().equals(n.path("date").asText())) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /** The report's download links, checked; empty when the report of the day is not published yet. */
    private List<URI> downloadLinks(SourceHttp.Answer a, String day) {
        JsonNode n = parse(a.body(), "a Copilot report answer");
        if (n.hasNonNull("report_day") && !day.equals(n.get("report_day").asText())) {
            return List.of();
        }
        List<URI> out = new ArrayList<>();
        for (JsonNode l : n.path("download_links")) {
            URI u = links.resolve(l.asText());
            if (!links.allowed(u)) {
                throw new SourceFailure("a Copilot report download link points at " + u.getHost()
                        + ", which is not an allowed report host (tokenwise.sources.github.report-hosts); "
                        + "it was not followed");
            }
            out.add(u);
        }
        return out;
    }

    /** A report file; the token goes along only to the API's own origin. */
    private String download(URI file) {
        Map<String, String> headers = links.sameOrigin(file) ? apiHeaders() : Map.of();
        SourceHttp.Answer a = http.get(file, headers);
        if (a.status() == 404) {
            throw new SourceFailure("a Copilot report file is gone (HTTP 404 from " + file.getHost()
                    + "); its link may have expired, the next run fetches new links");
        }
        return a.body();
    }

    /** Each row of an NDJSON report; a JSON document wrapping rows in day_totals or user_totals is read too. */
    private static void rows(String body, Consumer<JsonNode> sink) {
        try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(body)) {
            while (it.hasNextValue()) {
                JsonNode n = it.nextValue();
                JsonNode wrapped = n.has("day_totals") ? n.get("day_totals") : n.get("user_totals");
                if (wrapped != null && wrapped.isArray()) {
                    wrapped.forEach(sink);
                } else if (n.isObject()) {
                    sink.accept(n);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new SourceFailure("a Copilot report file is not NDJSON (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The user of a row as a keyed pseudonym, at once: the login and id are never kept. */
    private String user(JsonNode row) {
        JsonNode id = row.get("user_id");
        String who = id != null && !id.isNull() ? "id:" + id.asText() : "login:" + row.path("user_login").asText("");
        return who.endsWith(":") ? null : pseudonyms.pseudonym("github-user:" + who.toLowerCase(Locale.ROOT));
    }

    private static JsonNode parse(String body, String what) {
        try {
            return JSON.readTree(body == null ? "" : body);
        } catch (IOException e) {
            throw new SourceFailure(what + " is not JSON");
        }
    }

    private URI api(String orgPath) {
        String org = URLEncoder.encode(config.org().orElseThrow(), StandardCharsets.UTF_8);
        return URI.create(withSlash(config.apiUrl()) + "orgs/" + org + "/" + orgPath);
    }

    private Map<String, String> apiHeaders() {
        return Map.of("Authorization", "Bearer " + config.token().orElseThrow(), "Accept",
                "application/vnd.github+json", "X-GitHub-Api-Version", "2022-11-28");
    }

    private static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }
}
