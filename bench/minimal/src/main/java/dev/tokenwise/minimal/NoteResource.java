package dev.tokenwise.minimal;

import java.util.List;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** The one resource of the reference service. */
@Path("/notes")
public class NoteResource {

    @GET
    public List<Note> list() {
        return Note.listAll();
    }

    @POST
    @Transactional
    public Note add(Note note) {
        note.persist();
        return note;
    }
}
