package dev.tokenwise.slack.setup;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.quartz.impl.triggers.CronTriggerImpl;

import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;

import dev.tokenwise.common.error.ProblemException;
import dev.tokenwise.digest.DigestScheduler;
import dev.tokenwise.slack.render.SetupMessages;
import dev.tokenwise.slack.render.TeamSetupView;
import dev.tokenwise.team.TeamService;
import dev.tokenwise.team.TeamSettings;

/**
 * A submitted set-up form ({@code view_submission}, callback {@link TeamSetupView#CALLBACK_ID}). Invalid fields
 * come back inline ({@code response_action: errors}) and nothing is saved; a valid form is saved at once through
 * {@link TeamService#setUp} (the admin API's service: audited with the Slack user id as the actor, the digest
 * rescheduled on commit), the modal closes, and the user gets a private confirmation in the channel the form was
 * opened from (else the team's channel).
 */
@Singleton
public class TeamSetupSubmission {

    private static final Logger LOG = Logger.getLogger(TeamSetupSubmission.class);

    private final SlackAdmins admins;
    private final TeamService teams;
    private final SlackCalls slack;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "slack-setup");
        t.setDaemon(true);
        return t;
    });

    public TeamSetupSubmission(SlackAdmins admins, TeamService teams, SlackCalls slack, Clock clock) {
        this.admins = admins;
        this.teams = teams;
        this.slack = slack;
        this.clock = clock;
    }

    public Response handle(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        ViewSubmissionPayload p = req.getPayload();
        String user = p.getUser() == null ? null : p.getUser().getId();
        SetupTarget target = SetupTarget.decode(p.getView().getPrivateMetadata()).orElse(null);
        if (target == null) {
            return errors(ctx, Map.of(TeamSetupView.CHANNEL, "This form is out of date; please open it again."));
        }
        if (!admins.isAdmin(user)) {
            return errors(ctx, Map.of(TeamSetupView.CHANNEL, SetupMessages.notAdmin(admins.listed())));
        }
        var state = p.getView().getState() == null ? null : p.getView().getState().getValues();
        TeamSetupForm.Result form = TeamSetupForm.read(state, target, teams);
        if (form.entered() == null) {
            return errors(ctx, form.errors());
        }
        TeamSetupForm.Entered in = form.entered();
        TeamSettings saved;
        try {
            saved = teams.setUp(in.teamId(), in.update(), in.repos(), user);
        } catch (ProblemException e) {
            // Checked above already; a change made meanwhile (e.g. through the API) can still refuse.
            Map<String, String> errors = new LinkedHashMap<>();
            var violations = e.toProblem().errors();
            if (violations == null || violations.isEmpty()) {
                errors.put(TeamSetupView.CHANNEL, e.getMessage());
            } else {
                violations.forEach(v -> errors.putIfAbsent(TeamSetupForm.blockOf(v.field()), v.message()));
            }
            return errors(ctx, errors);
        }
        LOG.infof("Team %s %s from Slack", saved.id(), target.created() ? "created" : "updated");
        confirm(user, target, saved);
        return ctx.ack();
    }

    private void confirm(String user, SetupTarget target, TeamSettings saved) {
        // Note: a fresh trigger starts at the real "now"; from the epoch, it answers for the injected clock's now.
        CronTriggerImpl trigger = (CronTriggerImpl) DigestScheduler.trigger(saved);
        trigger.setStartTime(new Date(0));
        Date next = trigger.getFireTimeAfter(Date.from(clock.instant()));
        String text = SetupMessages.saved(saved, target.created(),
                next == null ? null : ZonedDateTime.ofInstant(next.toInstant(), saved.zone()));
        String channel = target.origin() != null && !target.origin().startsWith("D") ? target.origin()
                : saved.channel();
        worker.submit(() -> slack.postEphemeral(channel, user, text));
    }

    private static Response errors(ViewSubmissionContext ctx, Map<String, String> errors) {
        return ctx.ack(r -> r.responseAction("errors").errors(errors));
    }

    @PreDestroy
    void close() {
        worker.shutdownNow();
    }
}
