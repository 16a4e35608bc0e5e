package dev.tokenwise.slack.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The team id suggested for a channel no team uses. */
class TeamSetupOpenerTest {

    @ParameterizedTest(name = "#{0} suggests {1}")
    @CsvSource(value = { "payments, payments", "Team Payments_API, team-payments-api", "--ops--, ops",
            "directmessage, ''", "privategroup, ''", "Équipe paie, equipe-paie", "NULL, ''" }, nullValues = "NULL")
    void suggestsASlugFromTheChannelName(String channelName, String expected) {
        assertEquals(expected, TeamSetupOpener.suggestedId(channelName));
    }
}
