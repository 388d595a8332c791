package dev.actorspring.sample.analytics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs on the project's machines, so docker-compose.yml is checked here instead: the compose
 * file, the Prometheus configuration and the Grafana provisioning parse, point at each other, and the
 * dashboard only queries meters the runtime exports (as listed in docs/metrics.md).
 */
class ComposeFilesTests {

	private final Path root = Path.of("").toAbsolutePath().getParent();

	@Test
	@SuppressWarnings("unchecked")
	void composePrometheusAndGrafanaFilesAreConsistent() throws Exception {
		Map<String, Object> compose = new Yaml().load(Files.readString(this.root.resolve("docker-compose.yml")));
		Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
		assertThat(services).containsKeys("chat", "analytics", "prometheus", "grafana");
		for (String sample : List.of("chat", "analytics")) {
			Map<String, Object> build = (Map<String, Object>) services.get(sample).get("build");
			assertThat(this.root.resolve((String) build.get("dockerfile"))).exists();
			assertThat((List<String>) services.get(sample).get("volumes")).anyMatch((volume) -> volume.endsWith(":/data"));
		}
		for (String volume : (List<String>) services.get("prometheus").get("volumes")) {
			assertThat(this.root.resolve(volume.split(":")[0].substring(2))).exists();
		}

		Map<String, Object> prometheus = new Yaml().load(Files.readString(this.root.resolve("docs/compose/prometheus.yml")));
		List<String> targets = new ArrayList<>();
		for (Map<String, Object> job : (List<Map<String, Object>>) prometheus.get("scrape_configs")) {
			assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
			for (Map<String, Object> config : (List<Map<String, Object>>) job.get("static_configs")) {
				targets.addAll((List<String>) config.get("targets"));
			}
		}
		assertThat(targets).containsExactlyInAnyOrder("chat:8080", "analytics:8081");

		Path grafana = this.root.resolve("docs/compose/grafana");
		Map<String, Object> datasources = new Yaml().load(Files.readString(grafana.resolve("provisioning/datasources/prometheus.yml")));
		assertThat(datasources.toString()).contains("url=http://prometheus:9090", "uid=prometheus");
		JsonNode dashboard = JsonMapper.builder().build().readTree(grafana.resolve("dashboards/actors.json").toFile());
		String documented = Files.readString(this.root.resolve("docs/metrics.md"));
		Pattern metric = Pattern.compile("\\b(actor_[a-z_]+)");
		List<String> titles = new ArrayList<>();
		for (JsonNode panel : dashboard.get("panels")) {
			titles.add(panel.get("title").asString());
			assertThat(panel.at("/datasource/uid").asString()).isEqualTo("prometheus");
			Matcher names = metric.matcher(panel.at("/targets/0/expr").asString());
			assertThat(names.find()).isTrue();
			do {
				if (names.group(1).equals("actor_type") || names.group(1).equals("actor_action")) {
					continue; // labels, not meters
				}
				String base = names.group(1).replaceAll("_(count|sum|bucket|total)$", "");
				assertThat(documented.contains(base) || documented.contains("`" + base.replace('_', '.') + "`"))
					.as("%s in docs/metrics.md", names.group(1))
					.isTrue();
			}
			while (names.find());
		}
		assertThat(titles).contains("Actions per second", "Action latency p99", "Awake instances",
				"Mailbox depth (fullest mailbox)", "WebSocket connections", "Dead letters per second");
	}

}
