package dev.provision.run;

/**
 * A value the plan cannot know because it comes from a change the plan would make first (the
 * registered result of a CHANGED task). Anything that reads it is DEFERRED: "known after apply".
 */
public final class Unknown {

  public static final Unknown VALUE = new Unknown();

  private Unknown() {}

  public static boolean is(Object value) {
    return value == VALUE;
  }

  @Override
  public String toString() {
    return "(known after apply)";
  }
}
