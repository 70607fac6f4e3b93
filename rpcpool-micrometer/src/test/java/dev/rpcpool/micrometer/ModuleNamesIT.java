package dev.rpcpool.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The library jars, as built, are automatic modules with stable names: an application on the module
 * path writes {@code requires dev.rpcpool;}, whatever the jar file is called. Runs after
 * {@code package}, on the jars in the reactor's {@code target} folders.
 */
class ModuleNamesIT {

    @ParameterizedTest
    @CsvSource({"rpcpool-core, dev.rpcpool, dev.rpcpool.pool", "rpcpool-micrometer, dev.rpcpool.micrometer, dev.rpcpool.micrometer"})
    void theJarIsANamedModule(String artifact, String moduleName, String aPackage) throws IOException {
        Path jar = builtJar(artifact);
        List<ModuleReference> found = List.copyOf(ModuleFinder.of(jar).findAll());
        assertThat(found).as("modules in %s", jar).hasSize(1);
        ModuleDescriptor module = found.get(0).descriptor();
        assertThat(module.name()).as("module name of %s", jar).isEqualTo(moduleName);
        assertThat(module.isAutomatic()).isTrue();
        assertThat(module.packages()).contains(aPackage);
    }

    /** {@code <artifact>/target/<artifact>-<version>.jar} (not the tests or sources jar), from this module's folder. */
    private static Path builtJar(String artifact) throws IOException {
        Path target = Path.of("..", artifact, "target").toAbsolutePath().normalize();
        try (Stream<Path> files = Files.list(target)) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().matches(artifact + "-[0-9][^-]*(-SNAPSHOT)?\\.jar"))
                    .toList();
            assertThat(jars).as("the %s jar in %s (run after mvn package)", artifact, target).hasSize(1);
            return jars.get(0);
        }
    }
}
