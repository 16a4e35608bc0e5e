package dev.tokenwise.scorecard;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import dev.tokenwise.common.InputLimits;
import dev.tokenwise.common.error.Problem;
import dev.tokenwise.common.error.ProblemException;
import dev.tokenwise.common.security.ReadAuth;
import dev.tokenwise.team.TeamService;
import dev.tokenwise.team.TeamSettings;

@Path("/api/teams/{team}/scorecard")
@ReadAuth
public class ScorecardResource {

    /** Longest period one request may ask for. */
    static final int MAX_DAYS = 400;

    private final TeamService teams;
    private final ScorecardService scorecards;

    public ScorecardResource(TeamService teams, ScorecardService scorecards) {
        this.teams = teams;
        this.scorecards = scorecards;
    }

    /** {@code from} and {@code to} are dates at 00:00 in the team's time zone; {@code to} is exclusive. */
    @GET
    public Scorecard get(@PathParam("team") String team, @QueryParam("from") String from, @QueryParam("to") String to) {
        List<Problem.Violation> errors = new ArrayList<>();
        LocalDate f = date("from", from, errors);
        LocalDate t = date("to", to, errors);
        if (f != null && t != null && !f.isBefore(t)) {
            errors.add(new Problem.Violation(null, "to", "must be after from"));
        } else if (f != null && t != null && ChronoUnit.DAYS.between(f, t) > MAX_DAYS) {
            errors.add(new Problem.Violation(null, "to", "the period may span at most " + MAX_DAYS + " days"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("Give the period as from=YYYY-MM-DD&to=YYYY-MM-DD (to exclusive).",
                    errors);
        }
        TeamSettings settings = teams.require(team);
        return scorecards.scorecard(settings, new Period(f, t, settings.zone()));
    }

    private static LocalDate date(String name, String value, List<Problem.Violation> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new Problem.Violation(null, name, "is required (YYYY-MM-DD)"));
            return null;
        }
        LocalDate d;
        try {
            d = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new Problem.Violation(null, name, "must be a date YYYY-MM-DD"));
            return null;
        }
        if (!InputLimits.inRange(d)) {
            errors.add(new Problem.Violation(null, name, InputLimits.TIME_RANGE));
            return null;
        }
        return d;
    }
}
