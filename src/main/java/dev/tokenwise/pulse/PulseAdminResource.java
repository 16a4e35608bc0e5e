package dev.tokenwise.pulse;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.tokenwise.common.error.ProblemException;
import dev.tokenwise.common.security.AdminAuth;
import dev.tokenwise.common.security.Caller;

/**
 * {@code POST /api/admin/teams/{team}/pulse}: posts this week's pulse questions now, once per week like the schedule:
 * 202 when queued, 200 when queued before, 409 when the team's pulse is off or it has no channel.
 */
// Note: the class path is the admin root, like DigestAdminResource's (see there why).
@Path("/api/admin")
@AdminAuth
@Produces(MediaType.APPLICATION_JSON)
public class PulseAdminResource {

    private final PulseService pulses;
    private final Caller caller;

    public PulseAdminResource(PulseService pulses, Caller caller) {
        this.pulses = pulses;
        this.caller = caller;
    }

    @POST
    @Path("/teams/{team}/pulse")
    public Response post(@PathParam("team") String team) {
        PulseService.PostOutcome outcome = pulses.postThisWeek(pulses.team(team), caller.name());
        return switch (outcome.status()) {
            case QUEUED -> Response.accepted(outcome).build();
            case ALREADY_QUEUED -> Response.ok(outcome).build();
            case PULSE_OFF -> throw new ProblemException(409, "pulse-off", "The team pulse is off",
                    "Team '" + team + "' has not opted in to the pulse. Turn it on with PUT /api/admin/teams/" + team
                            + " {\"pulse\": true}.");
            case NO_CHANNEL -> throw new ProblemException(409, "no-channel", "Team has no channel",
                    "Team '" + team + "' has no channel for its pulse. Set one with PUT /api/admin/teams/" + team
                            + " {\"channel\": \"C0123\"}.");
        };
    }
}
