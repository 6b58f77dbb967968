package dev.provision.modules.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.module.ModuleRegistry;
import dev.provision.modules.virt.HostValidateModule;
import org.junit.jupiter.api.Test;

class ModuleRegistrationTest {

  @Test
  void serviceLoaderFindsPackageAndHostValidate() {
    ModuleRegistry registry = ModuleRegistry.load();

    assertThat(registry.find("package")).get().isInstanceOf(PackageModule.class);
    assertThat(registry.find("host_validate")).get().isInstanceOf(HostValidateModule.class);
  }
}
