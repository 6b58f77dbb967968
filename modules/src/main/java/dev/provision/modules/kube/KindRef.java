package dev.provision.modules.kube;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** A served resource type: group/version, kind, plural and scope, enough to address it without guessing. */
public record KindRef(String group, String version, String kind, String plural, boolean namespaced) {

  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  public ResourceDefinitionContext context() {
    return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
        .withPlural(plural).withNamespaced(namespaced).build();
  }

  static KindRef of(String apiVersion, String kind, String plural, boolean namespaced) {
    int slash = apiVersion.indexOf('/');
    return new KindRef(slash < 0 ? "" : apiVersion.substring(0, slash), apiVersion.substring(slash + 1), kind,
        plural, namespaced);
  }

  @Override
  public String toString() {
    return kind + " (" + apiVersion() + ")";
  }
}
