/**
 * The application that every node of the cluster tests runs.
 */
@NullMarked
package dev.actorspring.cluster.app;

import org.jspecify.annotations.NullMarked;
