package dev.tokenwise.slack.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.slack.api.model.block.composition.OptionGroupObject;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.view.View;
import com.slack.api.util.json.GsonFactory;

import dev.tokenwise.team.TeamSettings;

/** The set-up form within Block Kit's limits, and its time zone picker. */
class TeamSetupViewTest {

    static TeamSettings team(String zone, List<String> repos) {
        return new TeamSettings("payments", "C0PAY", null, zone, "MONDAY", "09:00", "09:00-18:00",
                new BigDecimal("1250.50"), Map.of(), 3, false, "THURSDAY", "15:00", repos, List.of(), List.of(),
                List.of());
    }

    static List<String> values(List<OptionGroupObject> groups) {
        List<String> out = new ArrayList<>();
        groups.forEach(g -> g.getOptions().stream().map(OptionObject::getValue).forEach(out::add));
        return out;
    }

    @Test
    void everyRegionZoneIsOfferedInGroupsOfAtMostAHundred() {
        List<OptionGroupObject> groups = TeamSetupView.zoneGroups("Europe/Berlin");
        List<String> zones = values(groups);
        groups.forEach(g -> assertTrue(g.getOptions().size() <= 100, g.getLabel().getText()));
        assertTrue(groups.size() <= 100);
        assertEquals("UTC", groups.get(0).getLabel().getText());
        assertEquals(List.of("UTC"), groups.get(0).getOptions().stream().map(OptionObject::getValue).toList());
        for (String z : List.of("Europe/Berlin", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Adelaide",
                "America/New_York", "America/Argentina/Buenos_Aires", "Pacific/Chatham")) {
            assertTrue(zones.contains(z), z);
        }
        assertEquals(zones.size(), zones.stream().distinct().count(), "each zone once");
        zones.forEach(z -> assertEquals(z, ZoneId.of(z).getId()));
        // America has more zones than a group holds: it is split, in order.
        assertEquals("America (1/2)", groups.stream().map(g -> g.getLabel().getText())
                .filter(l -> l.startsWith("America")).findFirst().orElseThrow());
    }

    @Test
    void aZoneOutsideTheRegionsIsOfferedWhenItIsTheTeamsOwn() {
        List<OptionGroupObject> groups = TeamSetupView.zoneGroups("+05:30");
        assertEquals(List.of("UTC", "+05:30"), groups.get(0).getOptions().stream().map(OptionObject::getValue)
                .toList());
        View form = TeamSetupView.modal(team("+05:30", List.of()), false, "{}");
        String json = GsonFactory.createSnakeCase().toJson(form);
        assertTrue(json.contains("\"initial_option\":{\"text\":{\"type\":\"plain_text\",\"text\":\"+05:30\"},"
                + "\"value\":\"+05:30\"}"), json);
    }

    @Test
    void theFormHoldsTwentyBlocksAtMostAndNoFigure() {
        View form = TeamSetupView.modal(team("UTC", List.of("acme/payments")), true, "{}");
        assertEquals(19, form.getBlocks().size());
        String json = GsonFactory.createSnakeCase().toJson(form);
        assertTrue(json.contains("\"initial_value\":\"1250.5\""), "the budget as a plain number");
        assertTrue(!json.contains("$") && !json.contains("<@"), json);
        assertEquals("Set up a team", form.getTitle().getText());
    }

    @Test
    void repositoriesTooLongForTheFieldStayOutOfTheForm() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add("acme-platform-group/some-rather-long-repository-name-" + i);
        }
        View form = TeamSetupView.modal(team("UTC", many), false, "{}");
        String json = GsonFactory.createSnakeCase().toJson(form);
        assertTrue(!json.contains("\"block_id\":\"repos\""));
        assertTrue(json.contains("This team has 200 repositories, more than this form can hold"), json);
    }
}
