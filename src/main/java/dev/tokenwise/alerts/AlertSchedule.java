package dev.tokenwise.alerts;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Runs the alert evaluation on its schedule ({@code tokenwise.alerts.every}, default every 5 minutes; {@code off}
 * in tests, which call the evaluation directly). A run still going when the next is due is skipped, not stacked.
 */
@ApplicationScoped
class AlertSchedule {

    private static final Logger LOG = Logger.getLogger(AlertSchedule.class);

    private final AlertEvaluator evaluator;

    AlertSchedule(AlertEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Scheduled(identity = "tokenwise-alert-evaluation", every = "${tokenwise.alerts.every:5m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            AlertEvaluator.Result r = evaluator.evaluate();
            LOG.debugf("Scheduled alert evaluation: %s", r);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Scheduled alert evaluation failed; the next run retries");
        }
    }
}
