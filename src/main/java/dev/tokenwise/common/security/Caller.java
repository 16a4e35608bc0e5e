package dev.tokenwise.common.security;

import jakarta.enterprise.context.RequestScoped;

/** Who made the current request: the name of the bearer token that was accepted (for the audit log). */
@RequestScoped
public class Caller {

    private String name = "system";

    public String name() {
        return name;
    }

    public void set(String name) {
        this.name = name;
    }
}
