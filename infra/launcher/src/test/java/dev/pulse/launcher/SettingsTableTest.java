package dev.pulse.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's settings table names every default in the YAML files, with its value, and nothing else. */
class SettingsTableTest {

    private static final List<String> DEFAULT_FILES = List.of("launcher.yaml", "pulse-service-defaults.yaml",
            "stream-processor.yaml", "ws-edge.yaml", "ingest-api.yaml");
    private static final Pattern CODE = Pattern.compile("`([^`]*)`");

    private record Row(List<String> keys, String defaults) {
    }

    @Test
    void shouldNameEveryDefaultWithItsValue() throws IOException {
        Map<String, Row> table = readmeTable();
        List<String> missing = new ArrayList<>();
        for (String file : DEFAULT_FILES) {
            defaults(file).forEach((key, value) -> {
                Row row = table.get(key);
                String shown = value.isEmpty() ? "\"\"" : value;
                if (row == null) {
                    missing.add(key + " (" + file + ") has no row");
                } else if (!codeSpans(row.defaults()).contains(shown)) {
                    missing.add(key + " (" + file + ") defaults to `" + shown + "`, the table says " + row.defaults());
                }
            });
        }
        assertThat(missing).as("README settings table vs. the YAML defaults").isEmpty();
    }

    @Test
    void shouldNameOnlySettingsThatExist() throws IOException {
        Map<String, String> all = new LinkedHashMap<>();
        for (String file : DEFAULT_FILES) {
            all.putAll(defaults(file));
        }
        List<String> stale = new ArrayList<>();
        readmeTable().forEach((key, row) -> {
            boolean noDefault = row.defaults().strip().equals("none");
            if (noDefault == all.containsKey(key)) {
                stale.add(key + (noDefault ? " says none but has a default" : " has no default in any YAML file"));
            }
        });
        assertThat(stale).isEmpty();
    }

    private static Map<String, String> defaults(String file) {
        Config config = Config.just(ConfigSources.classpath(file));
        return new LinkedHashMap<>(config.asMap().orElseThrow());
    }

    private static Map<String, Row> readmeTable() throws IOException {
        List<String> lines = Files.readAllLines(readme());
        int start = lines.indexOf("| setting | default | meaning |");
        assertThat(start).as("README has the settings table").isNotNegative();
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : lines.subList(start + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = line.split("\\|");
            List<String> keys = codeSpans(cells[1]).stream().filter(k -> !k.startsWith("--")).toList();
            keys.forEach(key -> rows.put(key, new Row(keys, cells[2])));
        }
        return rows;
    }

    private static List<String> codeSpans(String cell) {
        List<String> spans = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            spans.add(m.group(1));
        }
        return spans;
    }

    private static Path readme() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("README.md").resolveSibling("mvnw"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the repository root above " + Path.of("").toAbsolutePath()).isNotNull();
        return dir.resolve("README.md");
    }
}
