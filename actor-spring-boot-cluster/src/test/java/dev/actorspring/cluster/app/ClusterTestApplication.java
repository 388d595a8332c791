package dev.actorspring.cluster.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application each node of the cluster tests runs, as its own JVM.
 */
@SpringBootApplication
public class ClusterTestApplication {

	public static void main(String[] args) {
		SpringApplication.run(ClusterTestApplication.class, args);
	}

}
