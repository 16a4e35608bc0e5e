package dev.tokenwise.pulse;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.scorecard.Period;
import dev.tokenwise.scorecard.PulseFigures;
import dev.tokenwise.scorecard.Scorecard;
import dev.tokenwise.team.TeamSettings;

/**
 * The pulse of a period (docs/contract.md §9.9): the latest pulse week ending inside the period, else the one running
 * at its end; results only when at least {@code min_contributors} people answered.
 */
@ApplicationScoped
public class PulseResults implements PulseFigures {

    private final PulseRepository repository;

    public PulseResults(PulseRepository repository) {
        this.repository = repository;
    }

    @Override
    public Scorecard.Pulse pulse(TeamSettings team, Period period) {
        // Weeks that overlap the period start after from - 7 days and before to.
        List<PulseRepository.Week> weeks = repository.weeks(team.id(), period.from().minusDays(6), period.to());
        PulseRepository.Week chosen = null;
        for (PulseRepository.Week w : weeks) {
            if (!w.weekStart().plusWeeks(1).isAfter(period.to())) {
                chosen = w;
            }
        }
        if (chosen == null && !weeks.isEmpty()) {
            chosen = weeks.get(weeks.size() - 1);
        }
        if (chosen == null) {
            return null;
        }
        LocalDate week = chosen.weekStart();
        if (chosen.responses() < team.minContributors()) {
            return new Scorecard.Pulse(week, null, "Fewer than " + team.minContributors() + " people answered the "
                    + "pulse of this week, so its results are not shown: they could tell how someone answered.", null,
                    null);
        }
        return new Scorecard.Pulse(week, chosen.responses(), null,
                question(repository.distribution(team.id(), week, PulseQuestion.CONFIDENCE)),
                question(repository.distribution(team.id(), week, PulseQuestion.REVIEW_LOAD)));
    }

    /** Mean (2 decimals; null without answers) and the answers per score 1..5. */
    static Scorecard.PulseQuestion question(int[] distribution) {
        int n = 0;
        int sum = 0;
        for (int i = 0; i < 5; i++) {
            n += distribution[i];
            sum += (i + 1) * distribution[i];
        }
        Double mean = n == 0 ? null : Math.round(sum * 100d / n) / 100d;
        return new Scorecard.PulseQuestion(mean, Arrays.stream(distribution).boxed().toList());
    }
}
