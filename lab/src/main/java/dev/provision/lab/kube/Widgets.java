package dev.provision.lab.kube;

/**
 * A tiny custom resource for tests: the Widget CRD, whose {@code spec.size} must be an integer (so that the API
 * server's schema validation can be seen) and whose status is free-form (so that a test can play its controller), in
 * a group of the test's choosing.
 */
public final class Widgets {

  private Widgets() {}

  /** The CRD {@code widgets.GROUP} (namespaced, version v1) as YAML. */
  public static String crd(String group) {
    return """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.%1$s
        spec:
          group: %1$s
          scope: Namespaced
          names: {plural: widgets, singular: widget, kind: Widget}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      size: {type: integer}
                  status:
                    type: object
                    x-kubernetes-preserve-unknown-fields: true
        """.formatted(group);
  }
}
