package dev.provision.run;

import dev.provision.module.FactGathering;
import java.util.Map;

/** The one fact gathering ({@link FactGatherer}) as the module SPI's {@link FactGathering} service ({@code setup}). */
public final class HostFacts implements FactGathering {

  @Override
  public String command() {
    return FactGatherer.COMMAND;
  }

  @Override
  public Map<String, Object> parse(String output) {
    return FactGatherer.parse(output);
  }
}
