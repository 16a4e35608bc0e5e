package dev.tokenwise.slack.render;

import static dev.tokenwise.digest.Cards.delivery;
import static dev.tokenwise.digest.Cards.withDora;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import dev.tokenwise.scorecard.Scorecard;

/** {@code /tokenwise dora}, as exact output. */
class DoraMessagesTest {

    private static final LocalDate MON = LocalDate.parse("2026-11-09");
    private static final String WHEN = "Mon 9 Nov – Sun 15 Nov 2026 (Europe/Berlin)";

    private static DoraMessages.Report report(String withheld, Scorecard.Delivery now, Scorecard.Delivery before) {
        return new DoraMessages.Report("payments", "Europe/Berlin", "last week", MON, MON.plusDays(7), withheld, now,
                before, "the week before");
    }

    /** 5 deployments, 44 % failing, lead 24 h / 52 h, recovery 4.5 h, rework 60 %, issue to production 68.5 h. */
    private static Scorecard.Delivery thisWeek() {
        return withDora(delivery(5, "10", 2.0, 5, 0.4444, 0.0), 24.0, 52.0, 4.5, 0.6, 68.5);
    }

    @Test
    void eachKeyWithItsChange() {
        // The week before: 4 deployments, 20 % failing, lead 30 h, no failure to recover from, rework 25 %, 50 h.
        Scorecard.Delivery before = withDora(delivery(4, "10", 2.0, 4, 0.2, 0.0), 30.0, 40.0, null, 0.25, 50.0);
        SlackMessage m = DoraMessages.answer(report(null, thisWeek(), before));
        assertEquals("DORA keys · payments · last week (" + WHEN + "): deployments 5 · 5.0 per week (+25 % vs the "
                + "week before); lead time for changes median 24.0 h · p90 52.0 h (-20 % vs the week before); change "
                + "failure rate 44 % (20 % the week before); failed deployment recovery time median 4.5 h; deployment "
                + "rework rate 60 % of deployments (25 % the week before); issue to production median 68.5 h (+37 % "
                + "vs the week before).", m.text());
        assertEquals("[{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"DORA keys · payments · last "
                + "week\"}},{\"type\":\"section\",\"fields\":[{\"type\":\"mrkdwn\",\"text\":\"*Deployment frequency*\\n5 "
                + "· 5.0 per week (+25 % vs the week before)\"},{\"type\":\"mrkdwn\",\"text\":\"*Lead time for "
                + "changes*\\nmedian 24.0 h · p90 52.0 h (-20 % vs the week before)\"},{\"type\":\"mrkdwn\",\"text\":"
                + "\"*Change failure rate*\\n44 % (20 % the week before)\"},{\"type\":\"mrkdwn\",\"text\":\"*Failed "
                + "deployment recovery time*\\nmedian 4.5 h\"},{\"type\":\"mrkdwn\",\"text\":\"*Deployment rework "
                + "rate*\\n60 % of deployments (25 % the week before)\"},{\"type\":\"mrkdwn\",\"text\":\"*Issue to "
                + "production*\\nmedian 68.5 h (+37 % vs the week before)\"}]},{\"type\":\"context\",\"elements\":[{"
                + "\"type\":\"mrkdwn\",\"text\":\"" + WHEN + " · A PR ships with the first production deployment "
                + "naming its merge commit, else the first one after its merge. Team-level figures only.\"}]}]",
                m.blocksJson());
    }

    @Test
    void withoutDeploymentsOrAComparableWeekTheKeysAreNotAvailable() {
        Scorecard.Delivery none = withDora(delivery(0, null, null, 0, null, null), null, null, null, null, null);
        SlackMessage m = DoraMessages.answer(report(null, none, null));
        assertEquals("DORA keys · payments · last week (" + WHEN + "): deployments 0 · 0.0 per week; lead time for "
                + "changes median n/a · p90 n/a; change failure rate n/a; failed deployment recovery time median n/a; "
                + "deployment rework rate n/a; issue to production median n/a.", m.text());
    }

    @Test
    void aMonthSaysItsDeploymentsPerWeek() {
        DoraMessages.Report r = new DoraMessages.Report("payments", "UTC", "last month", LocalDate.parse("2026-10-01"),
                LocalDate.parse("2026-11-01"), null, withDora(delivery(0, null, null, 31, 0.0, null), 2.0, 3.0, null,
                        0.0, null),
                null, "the month before");
        // 31 deployments in 31 days: 7.0 per week.
        assertEquals("DORA keys · payments · last month (Thu 1 Oct – Sat 31 Oct 2026 (UTC)): deployments 31 · 7.0 "
                + "per week; lead time for changes median 2.0 h · p90 3.0 h; change failure rate 0 %; failed "
                + "deployment recovery time median n/a; deployment rework rate 0 % of deployments; issue to "
                + "production median n/a.", DoraMessages.answer(r).text());
    }

    @Test
    void aWithheldPeriodGivesTheReasonOnly() {
        SlackMessage m = DoraMessages.answer(report("Fewer than 3 people contributed.", null, null));
        assertEquals("DORA keys · payments · last week\nFewer than 3 people contributed.", m.text());
    }
}
