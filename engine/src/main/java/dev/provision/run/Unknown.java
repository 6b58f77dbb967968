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

  /**
   * The plan's rule, in one place: what a change that was planned and not made ({@code pending})
   * returns is known only after apply; anything else is what it is.
   */
  static Object unlessPending(boolean pending, Object value) {
    return pending ? VALUE : value;
  }

  @Override
  public String toString() {
    return "(known after apply)";
  }
}
