package dev.provision.graph;

import dev.provision.diag.Diagnostics;

/**
 * One step of building the task graph (Terraform's GraphTransformer): each adds or removes
 * vertices or edges for one concern. Problems go to {@code diagnostics}, so one build reports them
 * all.
 */
public interface GraphTransformer {

  void transform(TaskGraph graph, Diagnostics diagnostics);
}
