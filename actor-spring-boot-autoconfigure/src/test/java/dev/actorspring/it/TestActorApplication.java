package dev.actorspring.it;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application the integration tests start: the test actors of this package on the auto-configured runtime.
 */
@SpringBootApplication
public class TestActorApplication {

}
