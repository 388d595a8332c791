package dev.actorspring.cluster.app;

import java.util.List;

import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.remote.RARP;
import org.apache.pekko.remote.transport.ThrottlerTransportAdapter;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Cuts this node off from other nodes, and joins them again, for the partition test: Pekko Artery's test mode
 * ({@code -Dpekko.remote.artery.advanced.test-mode=on}) drops every message to and from a blackholed node, the
 * file protocol's included, while HTTP keeps working.
 */
@RestController
class PartitionController {

	/** Scala's {@code Direction.Both}, which Java cannot name. */
	private static final ThrottlerTransportAdapter.Direction BOTH = scalaObject(
			"org.apache.pekko.remote.transport.ThrottlerTransportAdapter$Direction$Both$");

	private final ActorSystem<?> system;

	PartitionController(ActorSystem<?> system) {
		this.system = system;
	}

	/** Body: the cluster addresses ({@code host:port}) to cut off, comma-separated. */
	@PostMapping("/test/partition")
	String partition(@RequestBody String nodes) {
		return throttle(nodes, ThrottlerTransportAdapter.Blackhole$.MODULE$);
	}

	@PostMapping("/test/heal")
	String heal(@RequestBody String nodes) {
		return throttle(nodes, ThrottlerTransportAdapter.Unthrottled$.MODULE$);
	}

	@SuppressWarnings("unchecked")
	private static <T> T scalaObject(String className) {
		try {
			return (T) Class.forName(className).getField("MODULE$").get(null);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@SuppressWarnings("deprecation")
	private String throttle(String nodes, ThrottlerTransportAdapter.ThrottleMode mode) {
		for (String node : List.of(nodes.trim().split(","))) {
			String[] hostPort = node.trim().split(":");
			Address address = new Address("pekko", this.system.name(), hostPort[0], Integer.parseInt(hostPort[1]));
			((RARP) RARP.get(Adapter.toClassic(this.system))).provider()
				.transport()
				.managementCommand(new ThrottlerTransportAdapter.SetThrottle(address,
						BOTH, mode));
		}
		return "ok";
	}

}
