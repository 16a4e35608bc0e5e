package dev.tokenwise.slack.setup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a set-up form carries in its {@code private_metadata} (at most 3000 characters), so that its submission
 * knows what was opened: the team (never a person) and where the form was opened, for the confirmation.
 *
 * @param team the team id; for a new team, the suggested id (the form asks for the id)
 * @param created true when the team did not exist when the form opened
 * @param origin the channel the form was opened from, or null (App Home)
 * @param repos true when the form holds the repositories field (false: too many to edit there; left unchanged)
 */
record SetupTarget(String team, boolean created, String origin, boolean repos) {

    private static final ObjectMapper JSON = new ObjectMapper();

    String encode() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The target of a submitted form; empty when the metadata is not ours. */
    static Optional<SetupTarget> decode(String metadata) {
        if (metadata == null || metadata.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(metadata, SetupTarget.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
