package dev.tokenwise.team;

import java.time.ZoneId;

/**
 * CDI event fired inside the transaction that changes a team's time zone (or creates a team in a zone other than UTC,
 * the zone of a team nobody has configured). Usage rollups follow the team's local hours, so their buckets may have
 * to move once the change is committed.
 */
public record TeamZoneChanged(String teamId, ZoneId before, ZoneId after) {
}
