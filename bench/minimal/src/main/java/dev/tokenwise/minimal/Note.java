package dev.tokenwise.minimal;

import jakarta.persistence.Entity;

import io.quarkus.hibernate.orm.panache.PanacheEntity;

/** The one entity of the reference service. */
@Entity
public class Note extends PanacheEntity {

    public String text;
}
