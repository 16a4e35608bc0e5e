package dev.tokenwise.digest;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.tokenwise.common.error.ProblemException;
import dev.tokenwise.common.security.AdminAuth;
import dev.tokenwise.common.security.Caller;
import dev.tokenwise.team.TeamService;

/**
 * {@code POST /api/admin/teams/{team}/digest}: posts the team's digest of the last complete week now, once per
 * week like the schedule (the same dedup key): 202 when queued, 200 when it was queued before, 409 when the
 * team has no channel.
 */
// Note: the class path is the admin root like TeamAdminResource's; a class path of /api/admin/teams/{team}/digest
// would shadow that resource's /teams/{team} routes in RESTEasy Reactive's class-level matching.
@Path("/api/admin")
@AdminAuth
@Produces(MediaType.APPLICATION_JSON)
public class DigestAdminResource {

    private final TeamService teams;
    private final DigestService digests;
    private final Caller caller;

    public DigestAdminResource(TeamService teams, DigestService digests, Caller caller) {
        this.teams = teams;
        this.digests = digests;
        this.caller = caller;
    }

    @POST
    @Path("/teams/{team}/digest")
    public Response post(@PathParam("team") String team) {
        DigestOutcome outcome = digests.postLastCompleteWeek(teams.require(team), caller.name());
        return switch (outcome.status()) {
            case QUEUED -> Response.accepted(outcome).build();
            case ALREADY_QUEUED -> Response.ok(outcome).build();
            case NO_CHANNEL -> throw new ProblemException(409, "no-channel", "Team has no channel", outcome.message());
        };
    }
}
