package dev.tokenwise.budget;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.tokenwise.common.Money;
import dev.tokenwise.common.Stats;

/**
 * The billed part of the budget answer (docs/contract.md §5.7). The vendors compared are those the team has accounts
 * with whose billing source covers at least one day of the month; {@code billed_through} is the earliest day all of
 * them cover, so billed and estimated are summed over the same days and the same vendors.
 */
@ApplicationScoped
public class BilledService {

    private final BilledRepository repository;

    public BilledService(BilledRepository repository) {
        this.repository = repository;
    }

    /** The month's billed figures, or empty when no billing source covers a day of it for the team. */
    public Optional<Billed> of(String teamId, YearMonth month) {
        LocalDate first = month.atDay(1);
        Map<BilledRepository.Vendor, Optional<LocalDate>> coverage = repository.coverage(teamId);
        List<BilledRepository.Vendor> vendors = coverage.entrySet().stream()
                .filter(e -> e.getValue().isPresent() && !e.getValue().get().isBefore(first)).map(Map.Entry::getKey)
                .toList();
        if (vendors.isEmpty()) {
            return Optional.empty();
        }
        LocalDate through = vendors.stream().map(v -> coverage.get(v).get()).min(LocalDate::compareTo).orElseThrow();
        if (through.isAfter(month.atEndOfMonth())) {
            through = month.atEndOfMonth();
        }
        double billed = repository.billed(teamId, vendors, first, through);
        double estimated = repository.estimated(teamId, vendors, first, through);
        Double drift = billed > 0 ? Stats.round4((estimated - billed) / billed) : null;
        return Optional.of(new Billed(Money.of(billed), through, (int) (through.toEpochDay() - first.toEpochDay() + 1),
                Money.of(estimated), drift));
    }
}
