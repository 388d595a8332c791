package dev.actorspring.cluster.serialization;

/**
 * A message that may cross nodes; Pekko writes it with {@link ClusterMessageSerializer}.
 */
public interface ClusterMessage {

}
