package dev.tokenwise.digest;

import jakarta.enterprise.context.Dependent;

import org.jboss.logging.Logger;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The Quartz job of one team's weekly digest (the team id is the job key's name). Quarkus creates it through
 * CDI. Failures are logged, never rethrown: a retry would not help a broken scorecard, and the dedup key
 * already makes a re-fire harmless.
 */
@Dependent
public class DigestJob implements Job {

    private static final Logger LOG = Logger.getLogger(DigestJob.class);

    private final DigestService digests;

    public DigestJob(DigestService digests) {
        this.digests = digests;
    }

    @Override
    public void execute(JobExecutionContext context) {
        String team = context.getJobDetail().getKey().getName();
        try {
            digests.postScheduled(team).ifPresentOrElse(
                    outcome -> LOG.debugf("Digest of team %s: %s", team, outcome.status()),
                    () -> LOG.infof("No digest: team %s no longer exists", team));
        } catch (RuntimeException e) {
            LOG.errorf(e, "The weekly digest of team %s failed", team);
        }
    }
}
