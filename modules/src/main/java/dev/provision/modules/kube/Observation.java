package dev.provision.modules.kube;

import java.util.Map;

/** What a wait saw at one moment: whether it is over, one line for people, and data to register. */
public record Observation(boolean met, String line, Map<String, Object> result) {}
